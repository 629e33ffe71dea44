/**
 * Recusal (回避) enforcement, in one place. For an account named on person records'
 * recusal lists, the host computes every record id that is about those persons (the
 * person, their sanctions, matters, clearances, visits, roster entries, and the
 * requests, replies and reminder letters that name them) and, on every call:
 *
 *  1. refuses the call when its input names any of those ids, anywhere in the input
 *     (ids are random, so a match is never an accident) — before validation and before
 *     the handler runs, so nothing is read, drafted, reviewed, signed or printed;
 *  2. removes such records from whatever the call returns (list rows, drill-downs,
 *     audit entries), correcting a page's `total`;
 *  3. lets SQL exclude them where a number is counted (statistics): the connection's
 *     `qinglian_hidden(id)` function answers for the account of the running call.
 *
 * Nothing here depends on which channel runs, so a new channel is covered without a
 * rule of its own; core/recusal/recusal.test.ts proves it for every channel of core/api.ts.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Db } from '../../db/open';
import { AppError } from '../errors';

export type HiddenIds = ReadonlySet<string>;
const NOTHING: HiddenIds = new Set();

/** The ids hidden from the account of the call running now (its async continuations included). */
const scope = new AsyncLocalStorage<HiddenIds>();

export function hiddenNow(): HiddenIds {
  return scope.getStore() ?? NOTHING;
}

export function withHidden<T>(hidden: HiddenIds, run: () => T): T {
  return hidden.size === 0 ? scope.run(NOTHING, run) : scope.run(hidden, run);
}

/** Every record id about a person this account is recused from (empty for most accounts). */
export function hiddenRecordIds(db: Db, userId: string): HiddenIds {
  const any = db.prepare('SELECT 1 FROM person_recusals WHERE user_id = ? LIMIT 1').get(userId);
  if (!any) return NOTHING;
  const ids = db
    .prepare(
      `WITH r AS (SELECT person_id FROM person_recusals WHERE user_id = @u)
       SELECT person_id FROM r
       UNION SELECT id FROM sanctions WHERE person_id IN r
       UNION SELECT id FROM pending_matters WHERE person_id IN r
       UNION SELECT id FROM clearances WHERE person_id IN r
       UNION SELECT id FROM revisits WHERE person_id IN r
       UNION SELECT id FROM opinion_request_persons WHERE person_id IN r
       UNION SELECT request_id FROM opinion_request_persons WHERE person_id IN r
       UNION SELECT id FROM opinion_reply_items WHERE person_id IN r
       UNION SELECT reply_id FROM opinion_reply_items WHERE person_id IN r
       UNION SELECT id FROM opinion_replies WHERE request_id IN (SELECT request_id FROM opinion_request_persons WHERE person_id IN r)
       UNION SELECT id FROM reminder_addressees WHERE person_id IN r
       UNION SELECT letter_id FROM reminder_addressees WHERE person_id IN r
       UNION SELECT id FROM pledge_roster WHERE person_id IN r`,
    )
    .pluck()
    .all({ u: userId }) as string[];
  return new Set(ids);
}

/** Refuses with the same words as a record that does not exist: the account learns nothing it may not know. */
export function recusedError(): AppError {
  return new AppError('NOT_FOUND', '没有找到该记录（可能已删除，或您须对其回避）。');
}

/** Whether any string in the input (at any depth) is a hidden id. */
export function inputNamesHidden(input: unknown, hidden: HiddenIds, depth = 0): boolean {
  if (hidden.size === 0 || depth > 6) return false;
  if (typeof input === 'string') return hidden.has(input);
  if (Array.isArray(input)) return input.some((v) => inputNamesHidden(v, hidden, depth + 1));
  if (input && typeof input === 'object') return Object.values(input).some((v) => inputNamesHidden(v, hidden, depth + 1));
  return false;
}

/** Fields that say which record a returned object is, or is about. */
const ID_FIELDS = [
  'id',
  'personId',
  'requestId',
  'replyId',
  'letterId',
  'rosterId',
  'sanctionId',
  'pendingMatterId',
  'addresseeId',
  'itemId',
  'entityId',
  'targetId',
  'targetSub',
] as const;

/**
 * Whether a list row mentions a hidden record anywhere inside it (an audit entry's
 * before/after, a drill-down row's target): such a row is about the person too.
 */
function mentionsHidden(value: unknown, hidden: HiddenIds, depth = 0): boolean {
  if (typeof value === 'string') return hidden.has(value);
  if (value === null || typeof value !== 'object' || depth > 6 || ArrayBuffer.isView(value)) return false;
  return Object.values(value).some((v) => mentionsHidden(v, hidden, depth + 1));
}

function namesHidden(value: object, hidden: HiddenIds): boolean {
  for (const key of ID_FIELDS) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === 'string' && hidden.has(v)) return true;
  }
  return false;
}

/**
 * The result without the hidden records: a list row mentioning one of them is dropped (a
 * page's `total` or a line's `count` corrected), a single nested one becomes null, and a result that is
 * itself about one is refused. Binary payloads (PDF, xlsx) are not looked into: their
 * inputs were checked, and exports filter their rows with `visibleRows`.
 */
export function withoutHidden<T>(result: T, hidden: HiddenIds): T {
  if (hidden.size === 0 || result === null || typeof result !== 'object') return result;
  if (!Array.isArray(result) && namesHidden(result, hidden)) throw recusedError();
  return scrub(result, hidden, 0) as T;
}

const isPlain = (v: object) => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

function scrub(value: unknown, hidden: HiddenIds, depth: number): unknown {
  if (value === null || typeof value !== 'object' || depth > 8) return value;
  if (!Array.isArray(value) && !isPlain(value)) return value; // Buffers, Dates: kept as they are
  if (Array.isArray(value)) {
    return value.filter((v) => !(v && typeof v === 'object' && mentionsHidden(v, hidden))).map((v) => scrub(v, hidden, depth + 1));
  }
  const out: Record<string, unknown> = {};
  let dropped = 0;
  for (const [key, v] of Object.entries(value)) {
    if (Array.isArray(v)) {
      const kept = scrub(v, hidden, depth + 1) as unknown[];
      if (key === 'items') dropped = v.length - kept.length;
      out[key] = kept;
    } else if (v && typeof v === 'object' && isPlain(v) && namesHidden(v, hidden)) {
      out[key] = null;
    } else {
      out[key] = scrub(v, hidden, depth + 1);
    }
  }
  // A page's total, a line's count: what was dropped is not counted either.
  for (const key of ['total', 'count']) {
    if (dropped > 0 && typeof out[key] === 'number') out[key] = Math.max(0, (out[key] as number) - dropped);
  }
  return out;
}

/** An export's rows without the hidden records (rows may be a generator: filtered as read). */
export function* visibleRows<T>(rows: Iterable<T>, hidden: HiddenIds = hiddenNow()): Generator<T> {
  for (const row of rows) {
    if (hidden.size > 0 && row && typeof row === 'object' && mentionsHidden(row, hidden)) continue;
    yield row;
  }
}

const withFunction = new WeakSet<Db>();

/**
 * Registers `qinglian_hidden(id)` on a connection: 1 when the running call's account
 * must not see that record, else 0. Counting SQL (statistics) filters with it.
 */
export function registerHiddenFunction(db: Db): void {
  if (withFunction.has(db)) return;
  db.function('qinglian_hidden', { deterministic: false }, (id: unknown) => (typeof id === 'string' && hiddenNow().has(id) ? 1 : 0));
  withFunction.add(db);
}
