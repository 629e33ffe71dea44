/**
 * opinions.*: a 500-person request against a register of 200,000 people and 20,000
 * sanctions — match the pasted names, check each person's registers, propose conclusions.
 * Target (issue #3): under 1 s for all 500.
 */
import { createCoreHost } from '../core/host/coreHost';
import { matchLines } from '../core/opinions/matching';
import { assessPersons } from '../core/opinions/replies';
import { tempDir } from '../db/testing';
import { ADMIN, SETUP_INPUT } from '../core/testing';
import { rng, seedRegister } from './seed/people';
import { seedSanctions } from './seed/sanctions';
import { emit, percentile } from './stats';

export async function run({ quick }: { quick: boolean }): Promise<void> {
  const people = quick ? 20_000 : 200_000;
  const sanctions = quick ? 2_000 : 20_000;
  const persons = 500;
  const rounds = quick ? 3 : 7;
  const { dir, cleanup } = tempDir('qinglian-bench-');
  const host = createCoreHost({ dataDir: dir, shell: 'browser', version: 'bench' });
  try {
    const db = host.db;
    seedRegister(db, { people, seed: 3 });
    seedSanctions(db, { sanctions, pending: sanctions / 10 });
    db.pragma('optimize');

    // A realistic list: names as the organisation department writes them, with the unit's leaf name.
    const r = rng(17);
    const rows = db
      .prepare('SELECT p.name, u.name AS unit, p.position FROM people p JOIN units u ON u.id = p.unit_id WHERE p.seq % 37 = 0')
      .all() as { name: string; unit: string; position: string }[];
    // 500 different people (some share a name with others in the register: those lines come out ambiguous).
    const makeLines = () => {
      const picked = new Set<number>();
      while (picked.size < Math.min(persons, rows.length)) picked.add(Math.floor(r() * rows.length));
      return [...picked].map((i) => `${rows[i]!.name} ${rows[i]!.unit} ${rows[i]!.position}`);
    };

    const totals: number[] = [];
    const matchTimes: number[] = [];
    let resolved = 0;
    for (let round = 0; round < rounds; round++) {
      const lines = makeLines();
      const t0 = performance.now();
      const matched = matchLines(db, lines);
      const t1 = performance.now();
      // Ambiguous lines: the clerk picks; here the first candidate stands in for the pick.
      const ids = [...new Set(matched.flatMap((m) => (m.personId ? [m.personId] : m.candidates[0] ? [m.candidates[0].id] : [])))];
      assessPersons(db, ids, '提拔', '2026-06-30');
      const t2 = performance.now();
      matchTimes.push(t1 - t0);
      totals.push(t2 - t0);
      resolved = ids.length;
    }
    const p50 = percentile(totals, 50);
    emit({ name: 'opinions.batch500.match_check_propose', value: p50, unit: 'ms', target: 1000, persons, people, sanctions, rounds });
    emit({ name: 'opinions.batch500.match', value: percentile(matchTimes, 50), unit: 'ms', persons });
    emit({ name: 'opinions.batch500.per_person', value: p50 / persons, unit: 'ms', persons });

    // The same work through the contract, as the clerk's click does it: the request and the
    // draft reply with its 500 items, each written through the audited write path.
    const login = await host.invoke('setup.initialize', SETUP_INPUT).then(() => host.invoke('auth.login', ADMIN));
    const session = login.ok ? (login.value as { sessionId: string }).sessionId : null;
    const matched = matchLines(db, makeLines());
    const ids = [...new Set(matched.flatMap((m) => (m.personId ? [m.personId] : m.candidates[0] ? [m.candidates[0].id] : [])))];
    await host.invoke('opinionSettings.update', { dueWorkingDays: 3, checkSections: [], holidays: [], workingWeekendDays: [] }, session);
    const t0 = performance.now();
    const request = await host.invoke(
      'opinionRequests.create',
      {
        requester: '市委组织部',
        title: '批量征求意见',
        receivedDate: '2026-06-29',
        purpose: '提拔',
        persons: ids.map((personId) => ({ personId })),
      },
      session,
    );
    const t1 = performance.now();
    if (!request.ok) throw new Error(request.error.message);
    const reply = await host.invoke(
      'opinionReplies.create',
      { requestId: (request.value as { id: string }).id, replyDate: '2026-06-30' },
      session,
    );
    const t2 = performance.now();
    if (!reply.ok) throw new Error(reply.error.message);
    emit({ name: 'opinions.request.create', value: t1 - t0, unit: 'ms', persons: ids.length });
    emit({ name: 'opinions.reply.create', value: t2 - t1, unit: 'ms', persons: ids.length, resolvedInMatching: resolved });
  } finally {
    host.close();
    cleanup();
  }
}
