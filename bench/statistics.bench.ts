/**
 * statistics.*: the statistics page (every number, with its groups) for a year of
 * 100,000 records of all kinds, through the contract. Target (issue #12): ≤ 300 ms.
 */
import { benchHost, measure } from './host';
import { seedRegister } from './seed/people';
import { seedYear } from './seed/year';
import { emit, percentile } from './stats';

export async function run({ quick }: { quick: boolean }): Promise<void> {
  const records = quick ? 20_000 : 100_000;
  const b = await benchHost();
  try {
    seedRegister(b.host.db, { people: 20_000, seed: 8 });
    const seeded = seedYear(b.host.db, { year: 2025, records, seed: 9 });
    const total = Object.values(seeded.rows).reduce((a, n) => a + n, 0);
    b.host.db.pragma('optimize');
    const input = { from: '2025-01-01', to: '2025-12-31' };
    await b.call('statistics.report', input); // warm the page cache and statement cache
    const runs: { wallMs: number; cpuMs: number }[] = [];
    for (let i = 0; i < 7; i++) runs.push(await measure(() => b.call('statistics.report', input)));
    const wall = percentile(
      runs.map((r) => r.wallMs),
      50,
    );
    const cpu = percentile(
      runs.map((r) => r.cpuMs),
      50,
    );
    emit({ name: 'statistics.report.year', value: wall, unit: 'ms', cpu_ms: cpu, target: 300, records: total });
    const drill = await measure(() => b.call('statistics.records', { ...input, metric: 'replies.persons', page: 1, pageSize: 50 }));
    emit({ name: 'statistics.records.page', value: drill.wallMs, unit: 'ms', cpu_ms: drill.cpuMs, records: total });
  } finally {
    b.close();
  }
}
