import type { Db } from '../../db/open';
import type Database from 'better-sqlite3';
import { cachedStatement } from '../../db/statements';
import type { Paged } from '../shared/fields';
import { paged } from '../shared/paged';
import { METRICS, type MetricDef } from './metrics';
import { METRIC_KEYS, type MetricKey, type MetricValue, type RecordTarget, type StatisticsReport, type StatRecord } from './contract';
import { readStatisticsSettings } from './settings';
import { hiddenNow, registerHiddenFunction } from '../recusal/hidden';

interface Range {
  from: string;
  to: string;
}

function params(db: Db, range: Range) {
  const s = readStatisticsSettings(db);
  return {
    from: range.from,
    to: range.to,
    tlobKinds: JSON.stringify(s.twoLettersOneBook.kinds),
    tlobOccasions: JSON.stringify(s.twoLettersOneBook.occasions),
    firstForm: JSON.stringify(s.firstForm),
  };
}

function prepare(db: Db, sql: string): Database.Statement {
  registerHiddenFunction(db);
  return cachedStatement(db, sql);
}

/**
 * A metric's records as the running call's account may see them: for an account under
 * recusal (回避), records about those persons are not counted (core/recusal/hidden.ts).
 * Everyone else runs the plain SQL.
 */
function visibleSource(def: MetricDef): string {
  if (hiddenNow().size === 0) return def.sql;
  return `SELECT * FROM (${def.sql}) WHERE NOT (qinglian_hidden(id) OR qinglian_hidden(person_id) OR qinglian_hidden(target_id) OR qinglian_hidden(target_sub))`;
}

const counted = (def: MetricDef) => (def.counts === 'people' ? 'count(DISTINCT person_id)' : 'count(*)');

function metricValue(db: Db, def: MetricDef, p: ReturnType<typeof params>): MetricValue {
  const groups = def.grouped
    ? (
        prepare(
          db,
          `SELECT grp AS key, max(grp_label) AS label, ${counted(def)} AS value FROM (${visibleSource(def)}) GROUP BY grp ORDER BY value DESC, grp`,
        ).all(p) as {
          key: string | null;
          label: string | null;
          value: number;
        }[]
      ).map((g) => ({ key: g.key ?? '', label: g.label ?? '（未填）', value: g.value }))
    : [];
  // Records counted once each add up over the groups; people may be in several groups, so they are counted apart.
  const value =
    def.grouped && def.counts === 'rows'
      ? groups.reduce((n, g) => n + g.value, 0)
      : (prepare(db, `SELECT ${counted(def)} FROM (${visibleSource(def)})`)
          .pluck()
          .get(p) as number);
  return { label: def.label, unit: def.unit, value, groups };
}

/** Every number of the statistics page for a date range. */
export function statisticsReport(db: Db, range: Range): StatisticsReport {
  const p = params(db, range);
  const metrics = {} as Record<MetricKey, MetricValue>;
  for (const key of METRIC_KEYS) metrics[key] = metricValue(db, METRICS[key], p);
  const averageReplyDays = prepare(
    db,
    `SELECT avg(julianday(y.reply_date) - julianday(q.received_date)) FROM opinion_replies y JOIN opinion_requests q ON q.id = y.request_id
     WHERE y.id IN (SELECT id FROM (${visibleSource(METRICS['replies.batches'])}))`,
  )
    .pluck()
    .get(p) as number | null;
  return {
    from: range.from,
    to: range.to,
    metrics,
    averageReplyDays: averageReplyDays === null ? null : Math.round(averageReplyDays * 10) / 10,
  };
}

interface RecordRow {
  id: string;
  person_id: string | null;
  person_name: string | null;
  d: string | null;
  title: string;
  detail: string | null;
  target_kind: RecordTarget['kind'];
  target_id: string;
  target_sub: string | null;
}

const toTarget = (r: RecordRow): RecordTarget =>
  r.target_kind === 'request'
    ? { kind: 'request', id: r.target_id, replyId: r.target_sub }
    : ({ kind: r.target_kind, id: r.target_id } as RecordTarget);

/**
 * The records behind one number (or one group of it), in date order. A number counted in
 * people lists each person once, with the records that put them in it.
 */
export function statisticsRecords(
  db: Db,
  input: Range & { metric: MetricKey; group: string | null; page: number; pageSize: number | null },
): Paged<StatRecord> {
  const def = METRICS[input.metric];
  const p = { ...params(db, input), group: input.group };
  const source = `SELECT * FROM (${visibleSource(def)}) WHERE @group IS NULL OR grp = @group`;
  // Cached statements with the recusal function registered (see prepare above).
  const query = { params: p, prepare: (sql: string) => prepare(db, sql) };
  if (def.counts === 'people') {
    return paged<RecordRow, StatRecord>(
      db,
      {
        ...query,
        sql: `SELECT person_id AS id, person_id, max(person_name) AS person_name, max(d) AS d, group_concat(title || '（' || d || '）', '；') AS title,
              group_concat(detail, '；') AS detail, 'person' AS target_kind, person_id AS target_id, NULL AS target_sub
       FROM (${source}) GROUP BY person_id`,
        orderBy: 'person_name, person_id',
        countSql: `SELECT DISTINCT person_id FROM (${source}) WHERE person_id IS NOT NULL`,
      },
      input,
      toRecord,
    );
  }
  return paged<RecordRow, StatRecord>(db, { ...query, sql: source, orderBy: 'd, id' }, input, toRecord);
}

const toRecord = (r: RecordRow): StatRecord => ({
  id: r.id,
  date: r.d,
  personName: r.person_name,
  title: r.title,
  detail: r.detail || null,
  target: toTarget(r),
});
