import type { Db } from '../../db/open';
import { addDays } from '../shared/dates';
import { maskIdNumber, type Paged } from '../shared/fields';
import { Where } from '../shared/where';
import type { AuditEntryView, AuditFacets } from './contract';
import type { z } from 'zod';
import type { auditListInput } from './contract';
import { paged } from '../shared/paged';

interface Row {
  seq: number;
  at: string;
  user_id: string | null;
  user_name: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: string | null;
  after: string | null;
}

/** Start of a local calendar day as the UTC ISO instant entries are stamped with. */
const dayStart = (date: string) => new Date(`${date}T00:00:00`).toISOString();

export function listAudit(db: Db, input: z.output<typeof auditListInput>): Paged<AuditEntryView> {
  const where = new Where('1 = 1')
    .add(input.userId, 'a.user_id = @userId', { userId: input.userId })
    .add(input.action, 'a.action = @action', { action: input.action })
    .add(input.entity, 'a.entity = @entity', { entity: input.entity })
    .add(input.entityId, "a.entity_id LIKE @entityId ESCAPE '\\'", { entityId: `%${input.entityId?.replace(/[\\%_]/g, (c) => '\\' + c)}%` })
    .add(input.from, 'a.at >= @from', { from: input.from && dayStart(input.from) })
    .add(input.to, 'a.at < @to', { to: input.to && dayStart(addDays(input.to, 1)) });
  return paged(
    db,
    {
      sql: `SELECT a.seq, a.at, a.user_id, u.display_name AS user_name, a.action, a.entity, a.entity_id, a.before, a.after
            FROM audit_log a LEFT JOIN users u ON u.id = a.user_id WHERE ${where.sql}`,
      countSql: `SELECT 1 FROM audit_log a WHERE ${where.sql}`,
      orderBy: 'a.seq DESC',
      params: where.params,
    },
    input,
    (r: Row) => ({
      seq: r.seq,
      at: r.at,
      userId: r.user_id,
      userName: r.user_name,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: parseMasked(r.before),
      after: parseMasked(r.after),
    }),
  );
}

export function auditFacets(db: Db): AuditFacets {
  const col = (c: 'action' | 'entity') =>
    (db.prepare(`SELECT DISTINCT ${c} AS v FROM audit_log ORDER BY v`).all() as { v: string }[]).map((r) => r.v);
  return { actions: col('action'), entities: col('entity') };
}

function parseMasked(json: string | null): unknown {
  if (json === null) return null;
  try {
    return maskIdNumbers(JSON.parse(json));
  } catch {
    return maskIdNumbers(json);
  }
}

/** An 18-character 身份证号 anywhere in a text (a note, a pasted name list). */
const ID_IN_TEXT = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g;

/**
 * 身份证号 are masked in the log's display (3301**********1234): under keys that hold
 * one, and wherever one appears in a text. The stored entry keeps them (the chain
 * covers what was written).
 */
export function maskIdNumbers(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (/^(id_number|idNumber)$/.test(key)) return maskIdNumber(value);
    return value.replace(ID_IN_TEXT, (m) => maskIdNumber(m) ?? m);
  }
  if (Array.isArray(value)) return value.map((v) => maskIdNumbers(v));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskIdNumbers(v, k)]));
  }
  return value;
}
