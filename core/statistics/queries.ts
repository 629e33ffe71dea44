import type { Db } from '../../db/open';
import type Database from 'better-sqlite3';
import { cachedStatement } from '../../db/statements';
import type { Paged } from '../shared/fields';
import { paged } from '../shared/paged';
import { METRICS, metricSql, type MetricDef, type Source } from './metrics';
import {
  METRIC_KEYS,
  type MetricGroup,
  type MetricKey,
  type MetricValue,
  type RecordTarget,
  type StatisticsReport,
  type StatRecord,
} from './contract';
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
 * Rows as the running call's account may see them: for an account under recusal (回避),
 * records about those persons are not counted (core/recusal/hidden.ts). Everyone else
 * runs the plain SQL.
 */
function visible(sql: string): string {
  if (hiddenNow().size === 0) return sql;
  return `SELECT * FROM (${sql}) WHERE NOT (qinglian_hidden(id) OR qinglian_hidden(person_id) OR qinglian_hidden(target_id) OR qinglian_hidden(target_sub))`;
}

type Group = NonNullable<MetricDef['group']>;

/**
 * One walk over a family's rows that counts several numbers at once. Each number counts
 * the rows its own condition holds for — the same `where` its drill-down lists — so
 * sharing the walk changes no number, only how often the rows are read.
 *
 * The walk first counts per combination of its groupings (`fine`), then adds those up
 * per number. Records counted once each add up; people do not (one person may be in
 * several groups), so a number counted in people walks with its own grouping only, and
 * its total in the family's ungrouped walk.
 */
interface Pass {
  source: Source;
  /** The groupings walked together (none: one total row). */
  groups: Group[];
  members: { key: MetricKey; def: MetricDef; group: Group | null }[];
}

/**
 * The page's walks. Keep a family's row-counted groupings few in combination (the
 * roster's by-unit numbers are a family of their own for that reason).
 */
const PASSES: Pass[] = (() => {
  const passes: Pass[] = [];
  const people = (source: Source, group: Group | null) => {
    let pass = passes.find((p) => p.source === source && p.groups.length <= 1 && p.groups[0]?.key === group?.key);
    if (!pass) passes.push((pass = { source, groups: group ? [group] : [], members: [] }));
    return pass;
  };
  const defs = METRIC_KEYS.map((key) => ({ key, def: METRICS[key] }));
  for (const { key, def } of defs.filter((m) => m.def.counts === 'people')) {
    if (def.group) people(def.source, def.group).members.push({ key, def, group: def.group });
    people(def.source, null).members.push({ key, def, group: null });
  }
  for (const { key, def } of defs.filter((m) => m.def.counts === 'rows')) {
    const group = def.group ?? null;
    // a walk of people numbers with this very grouping takes it along; otherwise the family's one walk for records
    let pass = passes.find((p) => p.source === def.source && p.groups.length <= 1 && p.groups[0]?.key === group?.key);
    pass ??= passes.find((p) => p.source === def.source && p.members.every((m) => m.def.counts === 'rows'));
    if (!pass) passes.push((pass = { source: def.source, groups: [], members: [] }));
    if (group && !pass.groups.some((g) => g.key === group.key)) pass.groups.push(group);
    pass.members.push({ key, def, group });
  }
  return passes;
})();

/** The walk as one statement: rows (m = member index, key, label, value), each member's groups by value, largest first. */
function passSql(pass: Pass): string {
  const wheres = [...new Set(pass.members.map((m) => m.def.where))];
  const keys = pass.groups.map((g, j) => `${g.key} AS g_${j}`);
  const hits = pass.members.map((m, i) => `(${m.def.where}) AS hit_${i}`);
  const rows = visible(pass.source(wheres.map((w) => `(${w})`).join(' OR '), [...keys, ...hits].join(', ')));
  const counts = pass.members.map((m, i) =>
    m.def.counts === 'people'
      ? `count(DISTINCT CASE WHEN hit_${i} THEN person_id END) AS n_${i}`
      : `count(CASE WHEN hit_${i} THEN 1 END) AS n_${i}`,
  );
  const fineKeys = pass.groups.map((_, j) => `g_${j}`);
  const perMember = pass.members.map((m, i) => {
    const j = m.group ? pass.groups.findIndex((g) => g.key === m.group!.key) : -1;
    if (j < 0) return `SELECT ${i} AS m, NULL AS key, NULL AS label, sum(n_${i}) AS value FROM fine`;
    const label = pass.groups[j]!.label?.(`g_${j}`) ?? `g_${j}`;
    return `SELECT ${i} AS m, g_${j} AS key, ${label} AS label, sum(n_${i}) AS value FROM fine GROUP BY g_${j}`;
  });
  return `WITH fine AS MATERIALIZED (SELECT ${[...fineKeys, ...counts].join(', ')} FROM (${rows}) ${fineKeys.length ? `GROUP BY ${fineKeys.join(', ')}` : ''})
    SELECT * FROM (${perMember.join(' UNION ALL ')}) WHERE value > 0 ORDER BY m, value DESC, key`;
}

/** Every number of the statistics page for a date range. */
export function statisticsReport(db: Db, range: Range): StatisticsReport {
  const p = params(db, range);
  const groups = new Map<MetricKey, MetricGroup[]>();
  const totals = new Map<MetricKey, number>();
  for (const pass of PASSES) {
    const rows = prepare(db, passSql(pass)).all(p) as { m: number; key: string | null; label: string | null; value: number }[];
    for (const r of rows) {
      const { key } = pass.members[r.m]!;
      if (!pass.members[r.m]!.group) totals.set(key, r.value);
      else {
        let list = groups.get(key);
        if (!list) groups.set(key, (list = []));
        list.push({ key: r.key ?? '', label: r.label ?? '（未填）', value: r.value });
      }
    }
  }
  const metrics = {} as Record<MetricKey, MetricValue>;
  for (const key of METRIC_KEYS) {
    const def = METRICS[key];
    const list = def.group ? (groups.get(key) ?? []) : [];
    // Records counted once each add up over the groups; people may be in several groups, so they are counted apart.
    const value = def.group && def.counts === 'rows' ? list.reduce((n, g) => n + g.value, 0) : (totals.get(key) ?? 0);
    metrics[key] = { label: def.label, unit: def.unit, value, groups: list };
  }
  const averageReplyDays = prepare(
    db,
    `SELECT avg(julianday(y.reply_date) - julianday(q.received_date)) FROM opinion_replies y JOIN opinion_requests q ON q.id = y.request_id
     WHERE y.id IN (SELECT id FROM (${visible(metricSql(METRICS['replies.batches']))}))`,
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
  const source = `SELECT * FROM (${visible(metricSql(def))}) WHERE @group IS NULL OR grp = @group`;
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
