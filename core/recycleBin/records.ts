/**
 * 回收站: which tables hold recyclable records, how each is listed, and what must hold before
 * one comes back. The list is exported so the 回收站 export reads exactly what the page shows.
 */
import type { z } from 'zod';
import type { Db } from '../../db/open';
import { AppError } from '../errors';
import type { RecyclableTable, Writer } from '../host/writer';
import { recomputeImpacts } from '../sanctions/queries';
import type { Paged } from '../shared/fields';
import { paged } from '../shared/paged';
import type { RecyclableEntity, RecycledItem, recycleBinListInput } from './contract';

interface RecycledRow {
  entity: RecyclableEntity;
  id: string;
  title: string;
  detail: string | null;
  deleted_at: string;
  deleted_by: string | null;
  deleted_by_name: string | null;
}

/**
 * Each recyclable entity: its table, how it is listed in the 回收站 (one SELECT giving
 * entity, id, title, detail, deleted_at, deleted_by) and what must hold before it comes
 * back (its parent records still exist, nothing took its unique number meanwhile).
 */
interface Recyclable {
  table: RecyclableTable;
  listSql: string;
  /** Throws a CONFLICT with the reason when the record cannot come back yet. */
  checkRestore(db: Db, id: string): void;
  afterRestore?(db: Db, id: string, writer: Writer): void;
}

const personActive = (db: Db, personId: string, what: string) => {
  const p = db.prepare('SELECT name, deleted_at FROM people WHERE id = ?').get(personId) as
    { name: string; deleted_at: string | null } | undefined;
  if (!p || p.deleted_at) throw new AppError('CONFLICT', `该${what}所属的人员“${p?.name ?? ''}”也在回收站中，请先恢复该人员。`);
};

export const RECYCLABLE: Record<RecyclableEntity, Recyclable> = {
  person: {
    table: 'people',
    listSql: `SELECT 'person' AS entity, p.id, p.name AS title, trim(ifnull(u.name, '') || ' ' || ifnull(p.position, '')) AS detail, p.deleted_at, p.deleted_by
              FROM people p LEFT JOIN units u ON u.id = p.unit_id WHERE p.deleted_at IS NOT NULL`,
    checkRestore(db, id) {
      const row = db
        .prepare(
          'SELECT p.name, p.id_number, u.name AS unit_name, u.deleted_at AS unit_deleted FROM people p LEFT JOIN units u ON u.id = p.unit_id WHERE p.id = ?',
        )
        .get(id) as { name: string; id_number: string | null; unit_name: string | null; unit_deleted: string | null };
      if (row.unit_deleted) throw new AppError('CONFLICT', `“${row.name}”所属的单位“${row.unit_name}”也在回收站中，请先恢复该单位。`);
      if (row.id_number) {
        const holder = db
          .prepare('SELECT name FROM people WHERE id_number = ? AND deleted_at IS NULL AND id <> ?')
          .get(row.id_number, id) as { name: string } | undefined;
        if (holder) throw new AppError('CONFLICT', `人员库中的“${holder.name}”已使用相同的身份证号，无法恢复“${row.name}”。`);
      }
    },
  },
  unit: {
    table: 'units',
    listSql: `SELECT 'unit', x.id, x.name, pu.name, x.deleted_at, x.deleted_by FROM units x LEFT JOIN units pu ON pu.id = x.parent_id WHERE x.deleted_at IS NOT NULL`,
    checkRestore(db, id) {
      const row = db
        .prepare(
          'SELECT x.name, x.parent_id, pu.name AS parent_name, pu.deleted_at AS parent_deleted FROM units x LEFT JOIN units pu ON pu.id = x.parent_id WHERE x.id = ?',
        )
        .get(id) as { name: string; parent_id: string | null; parent_name: string | null; parent_deleted: string | null };
      if (row.parent_deleted) throw new AppError('CONFLICT', `“${row.name}”的上级单位“${row.parent_name}”也在回收站中，请先恢复上级单位。`);
      const clash = db
        .prepare("SELECT 1 FROM units WHERE ifnull(parent_id, '') = ifnull(?, '') AND name = ? AND deleted_at IS NULL")
        .get(row.parent_id, row.name);
      if (clash) throw new AppError('CONFLICT', `同一上级单位下已有名为“${row.name}”的单位，无法恢复。请先改名后再试。`);
    },
  },
  sanction: {
    table: 'sanctions',
    listSql: `SELECT 'sanction', s.id, p.name || '：' || s.type, s.decision_authority || ' ' || s.effective_date, s.deleted_at, s.deleted_by
              FROM sanctions s JOIN people p ON p.id = s.person_id WHERE s.deleted_at IS NOT NULL`,
    checkRestore(db, id) {
      const row = db.prepare('SELECT person_id, decision_number FROM sanctions WHERE id = ?').get(id) as {
        person_id: string;
        decision_number: string | null;
      };
      personActive(db, row.person_id, '处分记录');
      if (
        row.decision_number &&
        db.prepare('SELECT 1 FROM sanctions WHERE decision_number = ? AND deleted_at IS NULL AND id <> ?').get(row.decision_number, id)
      ) {
        throw new AppError('CONFLICT', `决定文号“${row.decision_number}”已被另一条处分记录使用，无法恢复。`);
      }
    },
    afterRestore(db, id) {
      recomputeImpacts(db, db.prepare('SELECT person_id FROM sanctions WHERE id = ?').pluck().get(id) as string);
    },
  },
  pendingMatter: {
    table: 'pending_matters',
    listSql: `SELECT 'pendingMatter', m.id, p.name || '：' || CASE m.kind WHEN 'petition' THEN '信访举报' WHEN 'lead' THEN '问题线索' ELSE '立案审查调查' END,
                     m.received_date, m.deleted_at, m.deleted_by
              FROM pending_matters m JOIN people p ON p.id = m.person_id WHERE m.deleted_at IS NOT NULL`,
    checkRestore(db, id) {
      personActive(db, db.prepare('SELECT person_id FROM pending_matters WHERE id = ?').pluck().get(id) as string, '在查事项');
    },
  },
  opinionRequest: {
    table: 'opinion_requests',
    listSql: `SELECT 'opinionRequest', r.id, r.title, r.requester || ' ' || ifnull(r.requester_doc_number, ''), r.deleted_at, r.deleted_by
              FROM opinion_requests r WHERE r.deleted_at IS NOT NULL`,
    checkRestore(db, id) {
      const row = db.prepare('SELECT requester, requester_doc_number FROM opinion_requests WHERE id = ?').get(id) as {
        requester: string;
        requester_doc_number: string | null;
      };
      if (
        row.requester_doc_number &&
        db
          .prepare('SELECT 1 FROM opinion_requests WHERE requester = ? AND requester_doc_number = ? AND deleted_at IS NULL AND id <> ?')
          .get(row.requester, row.requester_doc_number, id)
      ) {
        throw new AppError('CONFLICT', `来函“${row.requester_doc_number}”已重新登记，无法恢复。`);
      }
    },
  },
  reminderLetter: {
    table: 'reminder_letters',
    listSql: `SELECT 'reminderLetter', l.id, l.title, l.occasion || ' ' || l.year, l.deleted_at, l.deleted_by FROM reminder_letters l WHERE l.deleted_at IS NOT NULL`,
    checkRestore() {},
  },
  pledgeCampaign: {
    table: 'pledge_campaigns',
    listSql: `SELECT 'pledgeCampaign', c.id, c.title, c.pledge_type || ' ' || c.year, c.deleted_at, c.deleted_by FROM pledge_campaigns c WHERE c.deleted_at IS NOT NULL`,
    checkRestore() {},
  },
  clearance: {
    table: 'clearances',
    listSql: `SELECT 'clearance', c.id, p.name || '：澄清正名', c.form || ' ' || c.clear_date, c.deleted_at, c.deleted_by
              FROM clearances c JOIN people p ON p.id = c.person_id WHERE c.deleted_at IS NOT NULL`,
    checkRestore(db, id) {
      const row = db.prepare('SELECT person_id, pending_matter_id FROM clearances WHERE id = ?').get(id) as {
        person_id: string;
        pending_matter_id: string | null;
      };
      personActive(db, row.person_id, '澄清正名记录');
      if (row.pending_matter_id && db.prepare('SELECT deleted_at FROM pending_matters WHERE id = ?').pluck().get(row.pending_matter_id)) {
        throw new AppError('CONFLICT', '该澄清正名所对应的在查事项也在回收站中，请先恢复该事项。');
      }
    },
  },
  revisit: {
    table: 'revisits',
    listSql: `SELECT 'revisit', v.id, p.name || '：暖心回访', v.visitors || ' ' || v.visit_date, v.deleted_at, v.deleted_by
              FROM revisits v JOIN people p ON p.id = v.person_id WHERE v.deleted_at IS NOT NULL`,
    checkRestore(db, id) {
      const row = db.prepare('SELECT person_id, sanction_id FROM revisits WHERE id = ?').get(id) as {
        person_id: string;
        sanction_id: string;
      };
      personActive(db, row.person_id, '回访记录');
      if (db.prepare('SELECT deleted_at FROM sanctions WHERE id = ?').pluck().get(row.sanction_id)) {
        throw new AppError('CONFLICT', '该回访所跟进的处分记录也在回收站中，请先恢复该处分记录。');
      }
    },
  },
};

const RECYCLED = Object.values(RECYCLABLE)
  .map((r) => r.listSql)
  .join('\n  UNION ALL\n  ');

/** 回收站 newest first, optionally one kind of record (the recycleBin.list channel). */
export function listRecycled(db: Db, input: z.output<typeof recycleBinListInput>): Paged<RecycledItem> {
  const filter = input.entity ? 'WHERE r.entity = ?' : '';
  const args = input.entity ? [input.entity] : [];
  return paged(
    db,
    {
      sql: `SELECT r.*, us.display_name AS deleted_by_name FROM (${RECYCLED}) r LEFT JOIN users us ON us.id = r.deleted_by ${filter}`,
      orderBy: 'r.deleted_at DESC, r.id',
      params: args,
    },
    input,
    (r: RecycledRow): RecycledItem => ({
      entity: r.entity,
      id: r.id,
      title: r.title,
      detail: r.detail || null,
      deletedAt: r.deleted_at,
      deletedByName: r.deleted_by_name,
    }),
  );
}
