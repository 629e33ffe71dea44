/**
 * people.search.*: search latency over a 200,000-person register, per query kind,
 * against the same search done as a plain LIKE scan.
 * Target (issue #2): p95 ≤ 10 ms for every kind, and ≥ 10× faster than LIKE.
 */
import path from 'node:path';
import { openDatabase } from '../db/open';
import { tempDir } from '../db/testing';
import { searchPeople, searchPeopleByLikeScan } from '../core/people/search';
import { rng, seedRegister } from './seed/people';
import { emit, percentile, timeEach } from './stats';

export function run({ quick }: { quick: boolean }): void {
  const people = quick ? 20_000 : 200_000;
  const queriesPerKind = quick ? 60 : 300;
  const baselineQueries = quick ? 10 : 30;
  const { dir, cleanup } = tempDir('qinglian-bench-');
  try {
    const { db } = openDatabase(path.join(dir, 'bench.sqlite'));
    const seedStart = performance.now();
    const register = seedRegister(db, { people, seed: 1 });
    const seedMs = performance.now() - seedStart;
    emit({ name: 'people.seed.rate', value: people / (seedMs / 1000), unit: 'rows/s', people });
    db.pragma('optimize');

    const r = rng(99);
    const sample = (sql: string, n: number) => {
      const rows = (db.prepare(sql).all() as { q: string }[]).map((x) => x.q);
      return Array.from({ length: n }, () => rows[Math.floor(r() * rows.length)]!);
    };
    const kinds: Record<string, string[]> = {
      name2: sample('SELECT name AS q FROM people WHERE length(name) = 2 AND seq % 97 = 0', queriesPerKind),
      name3: sample('SELECT name AS q FROM people WHERE length(name) = 3 AND seq % 97 = 0', queriesPerKind),
      initials: sample('SELECT name_initials AS q FROM people WHERE seq % 97 = 0', queriesPerKind),
      unit: Array.from({ length: queriesPerKind }, () => {
        const name = register.unitNames[Math.floor(r() * register.unitNames.length)]!;
        // what a clerk types: the distinctive part, e.g. 财政局 or 东湖镇
        return name
          .replace(/^市/, '')
          .replace(/人民政府$/, '')
          .slice(0, 4);
      }),
    };

    for (const [kind, queries] of Object.entries(kinds)) {
      const fast = (q: string) => searchPeople(db, { query: q, sortOrder: 'asc', page: 1, pageSize: 20 });
      timeEach(queries.slice(0, 20), fast); // warm the page cache
      const times = timeEach(queries, fast);
      const like = timeEach(queries.slice(0, baselineQueries), (q) => searchPeopleByLikeScan(db, q, 20));
      const p50 = percentile(times, 50);
      const p95 = percentile(times, 95);
      const likeP50 = percentile(like, 50);
      const likeP95 = percentile(like, 95);
      emit({ name: `people.search.${kind}.p50`, value: p50, unit: 'ms', baseline: likeP50, ratio: likeP50 / p50, people });
      emit({ name: `people.search.${kind}.p95`, value: p95, unit: 'ms', baseline: likeP95, ratio: likeP95 / p95, target: 10, people });
    }
    db.close();
  } finally {
    cleanup();
  }
}
