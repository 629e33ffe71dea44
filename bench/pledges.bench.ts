/**
 * pledges.*: building a roster of 5,000 people (by unit) and recording 5,000 sign-offs,
 * through the contract and the audited write path, as the clerk's clicks do it.
 * Target (issue #5): ≤ 2 s for both together.
 */
import { createCoreHost } from '../core/host/coreHost';
import { ADMIN, SETUP_INPUT } from '../core/testing';
import { tempDir } from '../db/testing';
import { seedRegister } from './seed/people';
import { emit } from './stats';

export async function run({ quick }: { quick: boolean }): Promise<void> {
  const people = quick ? 20_000 : 200_000;
  const { dir, cleanup } = tempDir('qinglian-bench-');
  const host = createCoreHost({ dataDir: dir, shell: 'browser', version: 'bench' });
  try {
    seedRegister(host.db, { people, seed: 5 });
    await host.invoke('setup.initialize', SETUP_INPUT);
    const login = await host.invoke('auth.login', ADMIN);
    if (!login.ok) throw new Error(login.error.message);
    const session = (login.value as { sessionId: string }).sessionId;
    const call = async (channel: string, input: unknown) => {
      const env = await host.invoke(channel, input, session);
      if (!env.ok) throw new Error(`${channel}: ${env.error.message}`);
      return env.value as never;
    };

    // Leaf units (no sub-units) until about 5,000 people are covered.
    const counts = host.db
      .prepare(
        `SELECT p.unit_id, count(*) AS n FROM people p WHERE NOT EXISTS (SELECT 1 FROM units c WHERE c.parent_id = p.unit_id)
         GROUP BY p.unit_id ORDER BY p.unit_id`,
      )
      .all() as { unit_id: string; n: number }[];
    const units: string[] = [];
    let covered = 0;
    for (const c of counts) {
      if (covered + c.n > 5000) continue;
      units.push(c.unit_id);
      covered += c.n;
    }
    const campaign = (await call('pledgeCampaigns.create', {
      pledgeType: '不操办升学宴谢师宴',
      title: '升学宴承诺（基准测试）',
      year: 2026,
      startDate: '2026-06-01',
      templateText: '本人郑重承诺……',
    })) as { id: string };
    const t0 = performance.now();
    const added = (await call('pledgeRoster.add', { campaignId: campaign.id, unitIds: units })) as { added: number };
    const t1 = performance.now();
    const ids = host.db.prepare('SELECT id FROM pledge_roster WHERE campaign_id = ?').pluck().all(campaign.id) as string[];
    await call('pledgeRoster.bulkSignoff', { campaignId: campaign.id, rosterIds: ids, signedDate: '2026-06-10' });
    const t2 = performance.now();
    emit({ name: 'pledges.roster.add', value: t1 - t0, unit: 'ms', people: added.added });
    emit({ name: 'pledges.signoff.bulk', value: t2 - t1, unit: 'ms', people: ids.length });
    emit({ name: 'pledges.roster_and_signoff.total', value: t2 - t0, unit: 'ms', people: ids.length, target: 2000 });

    // 500 pre-filled forms, one page each, as one PDF through the contract (needs a Chromium).
    const forms = (await call('pledgeCampaigns.create', {
      pledgeType: '廉洁过节',
      title: '廉洁过节承诺（基准测试）',
      year: 2026,
      startDate: '2026-01-10',
      templateText: '本人郑重承诺：严守廉洁纪律，不收受礼品礼金……',
    })) as { id: string };
    const someone = host.db.prepare('SELECT id FROM people ORDER BY seq LIMIT 500').pluck().all() as string[];
    await call('pledgeRoster.add', { campaignId: forms.id, personIds: someone });
    const p0 = performance.now();
    const pdf = await host.invoke('print.pdf', { request: { kind: 'pledgeForms', campaignId: forms.id } }, session);
    const p1 = performance.now();
    if (pdf.ok) {
      const file = pdf.value as { pageCount: number };
      emit({ name: 'pledges.forms500.pdf', value: (p1 - p0) / 1000, unit: 's', pages: file.pageCount, target: 30 });
    } else {
      emit({ name: 'pledges.forms500.pdf', value: 0, unit: 's', skipped: pdf.error.message });
    }
  } finally {
    host.close();
    cleanup();
  }
}
