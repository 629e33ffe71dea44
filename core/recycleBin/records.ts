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

/** What the 回收站 needs of a recyclable table: the list's SELECT and the restore rules. */
interface Recyclable {
  table: RecyclableTable;
  listSql: string;
  /** Throws a CONFLICT with the reason when the record cannot come back yet. */
  checkRestore(db: Db, id: string): void;
  afterRestore?(db: Db, id: string, writer: Writer): void;
}

type Row = Record<string, unknown>;

/**
 * One recyclable entity, declared: how the 回收站 lists it (SQL over its table as `x`) and
 * what must hold before it comes back: the records it refers to are back first (`needs`),
 * nothing took its unique number meanwhile (`unique`), and any rule of its own (`check`).
 */
interface RecyclableSpec {
  table: RecyclableTable;
  /** The list's 名称 and 说明 columns, SQL over `x` and what `join` adds. */
  title: string;
  detail: string;
  join?: string;
  /** On a person's file (this names the record in the message): its person comes back first, and `p` is that person. */
  ofPerson?: string;
  /** Records it refers to (by this column, in that table) that must not be in the 回收站. */
  needs?: { column: string; table: RecyclableTable; message: (row: Row, needed: Row) => string }[];
  /** Columns no live record may share with it (not checked when one of them is empty). */
  unique?: { columns: string[]; message: (row: Row, holder: Row) => string };
  check?(db: Db, row: Row): void;
  afterRestore?(db: Db, id: string, writer: Writer): void;
}

function recyclable(entity: RecyclableEntity, spec: RecyclableSpec): Recyclable {
  const { table, ofPerson } = spec;
  const conflict = (message: string) => new AppError('CONFLICT', message);
  const join = [ofPerson ? 'JOIN people p ON p.id = x.person_id' : '', spec.join ?? ''].join(' ');
  const needs = [
    ...(ofPerson
      ? [
          {
            column: 'person_id',
            table: 'people' as const,
            message: (_row: Row, person: Row) => `该${ofPerson}所属的人员“${String(person.name)}”也在回收站中，请先恢复该人员。`,
          },
        ]
      : []),
    ...(spec.needs ?? []),
  ];
  return {
    table,
    listSql: `SELECT '${entity}' AS entity, x.id, ${spec.title} AS title, ${spec.detail} AS detail, x.deleted_at, x.deleted_by
              FROM ${table} x ${join} WHERE x.deleted_at IS NOT NULL`,
    checkRestore(db, id) {
      const row = db.prepare(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Row;
      for (const need of needs) {
        const ref = row[need.column];
        const needed = ref ? (db.prepare(`SELECT * FROM ${need.table} WHERE id = ?`).get(ref) as Row | undefined) : undefined;
        if (needed?.deleted_at) throw conflict(need.message(row, needed));
      }
      const unique = spec.unique;
      if (unique && unique.columns.every((c) => row[c])) {
        const holder = db
          .prepare(`SELECT * FROM ${table} WHERE ${unique.columns.map((c) => `${c} = ?`).join(' AND ')} AND deleted_at IS NULL AND id <> ?`)
          .get(...unique.columns.map((c) => row[c]), id) as Row | undefined;
        if (holder) throw conflict(unique.message(row, holder));
      }
      spec.check?.(db, row);
    },
    ...(spec.afterRestore ? { afterRestore: spec.afterRestore } : {}),
  };
}

export const RECYCLABLE: Record<RecyclableEntity, Recyclable> = {
  person: recyclable('person', {
    table: 'people',
    title: 'x.name',
    detail: `trim(ifnull(u.name, '') || ' ' || ifnull(x.position, ''))`,
    join: 'LEFT JOIN units u ON u.id = x.unit_id',
    needs: [
      {
        column: 'unit_id',
        table: 'units',
        message: (row, unit) => `“${String(row.name)}”所属的单位“${String(unit.name)}”也在回收站中，请先恢复该单位。`,
      },
    ],
    unique: {
      columns: ['id_number'],
      message: (row, holder) => `人员库中的“${String(holder.name)}”已使用相同的身份证号，无法恢复“${String(row.name)}”。`,
    },
  }),
  unit: recyclable('unit', {
    table: 'units',
    title: 'x.name',
    detail: 'pu.name',
    join: 'LEFT JOIN units pu ON pu.id = x.parent_id',
    needs: [
      {
        column: 'parent_id',
        table: 'units',
        message: (row, parent) => `“${String(row.name)}”的上级单位“${String(parent.name)}”也在回收站中，请先恢复上级单位。`,
      },
    ],
    // Names are unique among siblings, and a top-level unit's parent is NULL: not a plain `unique`.
    check(db, row) {
      const clash = db
        .prepare("SELECT 1 FROM units WHERE ifnull(parent_id, '') = ifnull(?, '') AND name = ? AND deleted_at IS NULL")
        .get(row.parent_id, row.name);
      if (clash) throw new AppError('CONFLICT', `同一上级单位下已有名为“${String(row.name)}”的单位，无法恢复。请先改名后再试。`);
    },
  }),
  sanction: recyclable('sanction', {
    table: 'sanctions',
    title: `p.name || '：' || x.type`,
    detail: `x.decision_authority || ' ' || x.effective_date`,
    ofPerson: '处分记录',
    unique: {
      columns: ['decision_number'],
      message: (row) => `决定文号“${String(row.decision_number)}”已被另一条处分记录使用，无法恢复。`,
    },
    afterRestore(db, id) {
      recomputeImpacts(db, db.prepare('SELECT person_id FROM sanctions WHERE id = ?').pluck().get(id) as string);
    },
  }),
  pendingMatter: recyclable('pendingMatter', {
    table: 'pending_matters',
    title: `p.name || '：' || CASE x.kind WHEN 'petition' THEN '信访举报' WHEN 'lead' THEN '问题线索' ELSE '立案审查调查' END`,
    detail: 'x.received_date',
    ofPerson: '在查事项',
  }),
  opinionRequest: recyclable('opinionRequest', {
    table: 'opinion_requests',
    title: 'x.title',
    detail: `x.requester || ' ' || ifnull(x.requester_doc_number, '')`,
    unique: {
      columns: ['requester', 'requester_doc_number'],
      message: (row) => `来函“${String(row.requester_doc_number)}”已重新登记，无法恢复。`,
    },
  }),
  reminderLetter: recyclable('reminderLetter', { table: 'reminder_letters', title: 'x.title', detail: `x.occasion || ' ' || x.year` }),
  pledgeCampaign: recyclable('pledgeCampaign', { table: 'pledge_campaigns', title: 'x.title', detail: `x.pledge_type || ' ' || x.year` }),
  clearance: recyclable('clearance', {
    table: 'clearances',
    title: `p.name || '：澄清正名'`,
    detail: `x.form || ' ' || x.clear_date`,
    ofPerson: '澄清正名记录',
    needs: [
      { column: 'pending_matter_id', table: 'pending_matters', message: () => '该澄清正名所对应的在查事项也在回收站中，请先恢复该事项。' },
    ],
  }),
  revisit: recyclable('revisit', {
    table: 'revisits',
    title: `p.name || '：暖心回访'`,
    detail: `x.visitors || ' ' || x.visit_date`,
    ofPerson: '回访记录',
    needs: [{ column: 'sanction_id', table: 'sanctions', message: () => '该回访所跟进的处分记录也在回收站中，请先恢复该处分记录。' }],
  }),
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
