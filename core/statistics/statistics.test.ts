import assert from 'node:assert/strict';
import { test } from 'node:test';
import { seedRegister } from '../../bench/seed/people';
import { seedYear } from '../../bench/seed/year';
import { makeHost } from '../testing';
import { METRIC_KEYS } from './contract';
import { expectedNumbers } from './expected';
import { reportParagraph } from './paragraph';

test('statistics for a seeded year match counts computed independently from the raw records, and each number lists exactly its records', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const db = h.host.db;
  seedRegister(db, { people: 400, seed: 3 });
  seedYear(db, { year: 2025, records: 3000, seed: 5 });
  // A non-default office setting must change what counts.
  await h.call('statisticsSettings.update', {
    twoLettersOneBook: { kinds: ['工作提醒函', '节日提醒'], occasions: ['中秋国庆', '升学季', '其他'] },
    firstForm: ['admonition:诫勉', 'organizational:调整职务'],
    revisitWithinMonths: 6,
  });
  for (const [from, to] of [
    ['2025-01-01', '2025-12-31'],
    ['2025-03-15', '2025-09-30'],
  ] as const) {
    const report = await h.call('statistics.report', { from, to });
    const expected = expectedNumbers(db, from, to);
    for (const key of METRIC_KEYS) {
      const got = report.metrics[key];
      const want = expected[key];
      assert.equal(got.value, want.value, `${key} ${from}..${to}`);
      assert.ok(want.value > 0 || key === 'replies.overdue', `${key} has records in the seed`);
      if (got.groups.length) assert.deepEqual(new Map(got.groups.map((g) => [g.key, g.value])), want.groups, `${key} groups`);
      const listed = await h.call('statistics.records', { from, to, metric: key, page: 1, pageSize: 200 });
      assert.equal(listed.total, want.value, `${key} drill-down total`);
      if (want.value <= 200) assert.deepEqual(new Set(listed.items.map((i) => i.id)), want.ids, `${key} drill-down records`);
    }
    // One group of a grouped number lists exactly that group.
    const purpose = report.metrics['replies.byPurpose'].groups[0]!;
    const group = await h.call('statistics.records', { from, to, metric: 'replies.byPurpose', group: purpose.key, page: 1, pageSize: 10 });
    assert.equal(group.total, purpose.value);

    const paragraph = reportParagraph(report);
    assert.ok(paragraph.includes(`出具廉政意见回复${expected['replies.persons'].value}人次`), paragraph);
    assert.ok(paragraph.includes(`澄清正名${expected['clearances.count'].value}人次`));
    assert.ok(paragraph.includes(`暖心回访${expected['revisits.count'].value}人次`));
    assert.ok(paragraph.includes(`“第一种形态”处理${expected['sanctions.firstFormPeople'].value}人`));
  }
});

test('the statistics range is checked: the start may not be after the end', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const bad = await h.raw('statistics.report', { from: '2025-12-31', to: '2025-01-01' });
  assert.ok(!bad.ok && bad.error.message.includes('起始日期不能晚于截止日期'));
});
