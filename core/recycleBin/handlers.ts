import { AppError } from '../errors';
import type { HandlerMap } from '../host/handler';
import type { RecycledItem } from './contract';

interface RecycledRow {
  entity: 'person' | 'unit';
  id: string;
  title: string;
  detail: string | null;
  deleted_at: string;
  deleted_by_name: string | null;
}

/** Every soft-deleted record, newest first. Each recyclable table adds one SELECT here. */
const RECYCLED = `
  SELECT 'person' AS entity, p.id, p.name AS title,
         trim(ifnull(u.name, '') || ' ' || ifnull(p.position, '')) AS detail, p.deleted_at, p.deleted_by
  FROM people p LEFT JOIN units u ON u.id = p.unit_id WHERE p.deleted_at IS NOT NULL
  UNION ALL
  SELECT 'unit', x.id, x.name, pu.name, x.deleted_at, x.deleted_by
  FROM units x LEFT JOIN units pu ON pu.id = x.parent_id WHERE x.deleted_at IS NOT NULL`;

export const recycleBinHandlers: HandlerMap<'recycleBin.list' | 'recycleBin.restore'> = {
  'recycleBin.list': (input, { db }) => {
    const filter = input.entity ? 'WHERE r.entity = ?' : '';
    const args = input.entity ? [input.entity] : [];
    const total = (db.prepare(`SELECT count(*) AS n FROM (${RECYCLED}) r ${filter}`).get(...args) as { n: number }).n;
    const rows = db
      .prepare(
        `SELECT r.*, us.display_name AS deleted_by_name FROM (${RECYCLED}) r LEFT JOIN users us ON us.id = r.deleted_by
         ${filter} ORDER BY r.deleted_at DESC, r.id LIMIT ? OFFSET ?`,
      )
      .all(...args, input.pageSize, (input.page - 1) * input.pageSize) as RecycledRow[];
    const items: RecycledItem[] = rows.map((r) => ({
      entity: r.entity,
      id: r.id,
      title: r.title,
      detail: r.detail || null,
      deletedAt: r.deleted_at,
      deletedByName: r.deleted_by_name,
    }));
    return { items, total, page: input.page, pageSize: input.pageSize };
  },

  'recycleBin.restore': (input, { db, writer }) => {
    if (input.entity === 'person') {
      const row = db
        .prepare(
          `SELECT p.name, p.id_number, u.name AS unit_name, u.deleted_at AS unit_deleted
           FROM people p LEFT JOIN units u ON u.id = p.unit_id WHERE p.id = ?`,
        )
        .get(input.id) as { name: string; id_number: string | null; unit_name: string | null; unit_deleted: string | null } | undefined;
      if (!row) throw new AppError('NOT_FOUND', '回收站中没有这条记录。');
      if (row.unit_deleted) throw new AppError('CONFLICT', `“${row.name}”所属的单位“${row.unit_name}”也在回收站中，请先恢复该单位。`);
      if (row.id_number) {
        const holder = db
          .prepare('SELECT name FROM people WHERE id_number = ? AND deleted_at IS NULL AND id <> ?')
          .get(row.id_number, input.id) as { name: string } | undefined;
        if (holder) throw new AppError('CONFLICT', `人员库中的“${holder.name}”已使用相同的身份证号，无法恢复“${row.name}”。`);
      }
      writer.restore('people', input.id);
    } else {
      const row = db
        .prepare(
          `SELECT x.name, x.parent_id, pu.name AS parent_name, pu.deleted_at AS parent_deleted
           FROM units x LEFT JOIN units pu ON pu.id = x.parent_id WHERE x.id = ?`,
        )
        .get(input.id) as { name: string; parent_id: string | null; parent_name: string | null; parent_deleted: string | null } | undefined;
      if (!row) throw new AppError('NOT_FOUND', '回收站中没有这条记录。');
      if (row.parent_deleted) throw new AppError('CONFLICT', `“${row.name}”的上级单位“${row.parent_name}”也在回收站中，请先恢复上级单位。`);
      const clash = db
        .prepare('SELECT 1 FROM units WHERE ifnull(parent_id, \'\') = ifnull(?, \'\') AND name = ? AND deleted_at IS NULL')
        .get(row.parent_id, row.name);
      if (clash) throw new AppError('CONFLICT', `同一上级单位下已有名为“${row.name}”的单位，无法恢复。请先改名后再试。`);
      writer.restore('units', input.id);
    }
  },
};
