import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays } from '../shared/dates';
import type { CommendationReading } from './commendationReadings';
import { barsOn, computeImpacts, type ComputedImpact, type SanctionFacts } from './impactPeriod';
import { IMPACT_RULES_2026, ruleSummary } from './impactRules';
import { SANCTION_TYPES, type SanctionCategory } from './kinds';

const one = (
  facts: Omit<SanctionFacts, 'id' | 'status'> & Partial<SanctionFacts>,
  reading: CommendationReading = 'wholeImpactPeriod',
): ComputedImpact => {
  const s: SanctionFacts = { id: 'a', status: '有效', ...facts };
  return computeImpacts([s], IMPACT_RULES_2026, reading).get(s.id)!;
};
const bar = (r: ComputedImpact, text: string) => {
  const found = r.bars.find((b) => b.text.includes(text));
  assert.ok(found, `no bar “${text}” in ${r.bars.map((b) => b.text).join(' / ')}`);
  return found;
};
/** The last day is still barred; the next day is clear. */
const edge = (end: ComputedImpact['promotionEnd'], lastDay: string) => {
  assert.equal(end, lastDay);
  assert.equal(barsOn(end, lastDay), true, `${lastDay} should still be barred`);
  assert.equal(barsOn(end, addDays(lastDay, 1)), false, `${addDays(lastDay, 1)} should be clear`);
};

test('every sanction type of every category has a rule; every bar names its source or is marked 单位惯例', () => {
  for (const [category, types] of Object.entries(SANCTION_TYPES)) {
    for (const type of types) {
      const rule = IMPACT_RULES_2026.rules.find((r) => r.category === (category as SanctionCategory) && r.type === type);
      assert.ok(rule, `${category} ${type}`);
      for (const b of rule.bars) assert.match(b.source, /《.+》/, `${type}: ${b.text}`);
      if (rule.measure) assert.match(rule.measure.source, /《.+》/);
    }
  }
  // No party rule cites the old blanket “第十一条、第十二条”.
  assert.ok(IMPACT_RULES_2026.rules.every((r) => r.bars.every((b) => !b.source.includes('第十一条、第十二条'))));
});

// ---- party (《中国共产党纪律处分条例》2023) ----

test('党纪警告 — 条例第十条: one year no promotion in the party; 组通字〔1998〕19号第一条: not 优秀 that year', () => {
  const r = one({ category: 'party', type: '警告', effectiveDate: '2024-03-15' });
  edge(r.promotionEnd, '2025-03-14');
  edge(bar(r, '当年年度考核不得确定为优秀等次').end, '2024-12-31');
  edge(r.commendationEnd, '2025-03-14'); // default: the whole impact period
  edge(one({ category: 'party', type: '警告', effectiveDate: '2024-03-15' }, 'annualGrading').commendationEnd, '2024-12-31');
  assert.ok(bar(r, '一年内不得在党内提拔职务').source.endsWith('第十条'));
});

test('党纪严重警告 — 条例第十条: eighteen months; 组通字〔1998〕19号第二条: that year graded 不称职 or not graded', () => {
  const r = one({ category: 'party', type: '严重警告', effectiveDate: '2024-03-15' });
  edge(r.promotionEnd, '2025-09-14');
  edge(bar(r, '当年年度考核确定为不称职或者只写评语').end, '2024-12-31');
  edge(r.commendationEnd, '2025-09-14');
  edge(one({ category: 'party', type: '严重警告', effectiveDate: '2024-03-15' }, 'annualGrading').commendationEnd, '2024-12-31');
});

test('撤销党内职务 — 条例第十一条: two years no equal or higher post; 组通字〔1998〕19号第三条', () => {
  const r = one({ category: 'party', type: '撤销党内职务', effectiveDate: '2025-06-01' });
  edge(r.promotionEnd, '2027-05-31');
  assert.ok(bar(r, '与其原任职务相当或者高于其原任职务').source.endsWith('第十一条'));
  edge(bar(r, '当年年度考核确定为不称职').end, '2025-12-31');
  edge(r.commendationEnd, '2027-05-31');
  edge(one({ category: 'party', type: '撤销党内职务', effectiveDate: '2025-06-01' }, 'annualGrading').commendationEnd, '2025-12-31');
});

test('留党察看 — 条例第十二条: probation, then two years after rights are restored; 组通字〔1998〕19号第四条', () => {
  const registered = one({
    category: 'party',
    type: '留党察看',
    effectiveDate: '2022-05-10',
    probationMonths: 12,
    restorationDate: '2023-05-12',
  });
  edge(registered.promotionEnd, '2025-05-11');
  assert.ok(registered.steps.some((s) => s.includes('2023年5月12日恢复党员权利') && s.includes('最后一日为2025年5月11日')));
  edge(bar(registered, '其后察看期内各年').end, '2023-12-31'); // one-year probation: the year of effect and the next
  const estimated = one({ category: 'party', type: '留党察看', effectiveDate: '2022-05-10', probationMonths: 24 });
  edge(estimated.promotionEnd, '2026-05-09'); // restored 2024-05-10 (expected), + 24 months
  assert.ok(estimated.steps.some((s) => s.includes('推算')));
  edge(bar(estimated, '其后察看期内各年').end, '2024-12-31');
});

test('开除党籍 — 条例第十三条: five years, not “长期”; 组通字〔1998〕19号第五条: three grading years', () => {
  const r = one({ category: 'party', type: '开除党籍', effectiveDate: '2020-01-01' });
  edge(r.promotionEnd, '2024-12-31');
  edge(bar(r, '五年内不得重新入党').end, '2024-12-31');
  assert.equal(bar(r, '五年内不得重新入党').purpose, 'membership');
  edge(bar(r, '第二年和第三年只写评语').end, '2022-12-31');
  assert.ok(!r.steps.join('').includes('长期'));
});

// ---- 政务 (《公职人员政务处分法》第八条、第十九条) ----

for (const [type, months, start, lastDay] of [
  ['警告', 6, '2024-08-31', '2025-02-28'],
  ['记过', 12, '2024-08-31', '2025-08-30'],
  ['记大过', 18, '2024-01-31', '2025-07-30'],
  ['降级', 24, '2024-02-29', '2026-02-28'],
  ['撤职', 24, '2024-03-15', '2026-03-14'],
] as const) {
  test(`政务${type} — 政务处分法第八条、第十九条: ${months} months no promotion in 职务、职级; last day barred, next day clear`, () => {
    const r = one({ category: 'government', type, effectiveDate: start });
    edge(r.promotionEnd, lastDay);
    assert.ok(bar(r, '不得晋升职务、职级、衔级和级别').source.includes('第八条、第十九条'));
    edge(r.commendationEnd, lastDay); // default: the whole impact period (the career bar is the longer)
    const grading = one({ category: 'government', type, effectiveDate: start }, 'annualGrading');
    edge(grading.commendationEnd, type === '警告' ? `${start.slice(0, 4)}-12-31` : lastDay);
  });
}

test('政务开除 — 行政机关公务员处分条例第九条: no longer a civil servant (permanent)', () => {
  const r = one({ category: 'government', type: '开除', effectiveDate: '2020-01-01' });
  assert.equal(r.promotionEnd, 'permanent');
  assert.equal(barsOn(r.promotionEnd, '2099-01-01'), true);
});

// ---- 组织处理 and 诫勉 (单位惯例 where no article could be verified) ----

test('调整职务 — 组织处理规定（单位惯例，条款待核）: one year no promotion', () => {
  const r = one({ category: 'organizational', type: '调整职务', effectiveDate: '2026-01-01' });
  edge(r.promotionEnd, '2026-12-31');
  edge(r.commendationEnd, '2026-12-31');
  assert.ok(r.bars.every((b) => b.practice));
  assert.ok(r.steps.some((s) => s.includes('单位惯例')));
});

for (const type of ['责令辞职', '免职'] as const) {
  test(`${type} — 组织处理规定（单位惯例）: two bars, one year no leadership post and two years not above the former level`, () => {
    const r = one({ category: 'organizational', type, effectiveDate: '2025-01-01' });
    edge(bar(r, '一年内不安排领导职务').end, '2025-12-31');
    edge(bar(r, '二年内不得担任高于原任职务层次的职务').end, '2026-12-31');
    edge(r.promotionEnd, '2026-12-31');
    edge(r.commendationEnd, '2026-12-31');
    edge(one({ category: 'organizational', type, effectiveDate: '2025-01-01' }, 'annualGrading').commendationEnd, '2025-12-31');
  });
}

test('降职 — 组织处理规定（单位惯例）: two years no promotion', () => {
  const r = one({ category: 'organizational', type: '降职', effectiveDate: '2024-02-29' });
  edge(r.promotionEnd, '2026-02-28');
  edge(r.commendationEnd, '2026-02-28');
});

test('诫勉 — 诫勉规定（单位惯例，条款待核）: six months no promotion, not 优秀 that year', () => {
  const r = one({ category: 'admonition', type: '诫勉', effectiveDate: '2023-08-31' });
  edge(r.promotionEnd, '2024-02-29');
  edge(bar(r, '当年年度考核不得确定为优秀等次').end, '2023-12-31');
  edge(r.commendationEnd, '2024-02-29');
  edge(one({ category: 'admonition', type: '诫勉', effectiveDate: '2023-08-31' }, 'annualGrading').commendationEnd, '2023-12-31');
});

test('停职检查 — 组织处理规定第三条: a measure, not a 12-month bar; in force until lifted', () => {
  const r = one({ category: 'organizational', type: '停职检查', effectiveDate: '2025-03-01' });
  assert.equal(r.promotionEnd, null);
  assert.equal(r.commendationEnd, null);
  assert.equal(r.measure?.lastDay, null);
  const lifted = one({
    category: 'organizational',
    type: '停职检查',
    effectiveDate: '2025-03-01',
    status: '已解除',
    statusDate: '2025-05-20',
  });
  assert.equal(lifted.measure?.lastDay, '2025-05-19');
});

// ---- summaries and explanations use the same words ----

test('each rule’s summary and its computed explanation use the same words', () => {
  for (const rule of IMPACT_RULES_2026.rules) {
    if (rule.measure) continue;
    const r = one({
      category: rule.category,
      type: rule.type,
      effectiveDate: '2024-03-15',
      probationMonths: rule.type === '留党察看' ? 12 : null,
    });
    for (const b of rule.bars) {
      assert.ok(ruleSummary(rule).includes(b.text));
      assert.ok(
        r.steps.some((s) => s.startsWith(b.text)),
        `${rule.type}: ${b.text}`,
      );
    }
  }
});

// ---- combinations ----

test('党纪+党纪 — 条例第二十一条: remainder plus new period, counted by corresponding date then days', () => {
  const results = computeImpacts(
    [
      { id: 'first', category: 'party', type: '警告', effectiveDate: '2024-01-01', status: '有效' }, // to 2024-12-31
      { id: 'second', category: 'party', type: '严重警告', effectiveDate: '2024-10-01', status: '有效' },
    ],
    IMPACT_RULES_2026,
  );
  // remainder 2024-10-01 … 2024-12-31 = 3 months exactly; 18 + 3 = 21 months from 2024-10-01
  edge(results.get('second')!.promotionEnd, '2026-06-30');
  const step = results.get('second')!.steps.find((s) => s.includes('尚未执行'))!;
  assert.ok(step.includes('尚未执行3个月') && step.includes('第二十一条') && step.endsWith('最后一日为2026年6月30日。'), step);

  const withDays = computeImpacts(
    [
      { id: 'a', category: 'party', type: '警告', effectiveDate: '2025-01-01', status: '有效' }, // to 2025-12-31
      { id: 'b', category: 'party', type: '警告', effectiveDate: '2025-06-15', status: '有效' },
    ],
    IMPACT_RULES_2026,
  );
  // remainder 2025-06-15 … 2025-12-31 = 6 months (to 2025-12-14) + 17 days; 12 + 6 months from 2025-06-15 → 2026-12-14, + 17 days
  edge(withDays.get('b')!.promotionEnd, '2026-12-31');
  assert.ok(withDays.get('b')!.steps.some((s) => s.includes('6个月17天')));
});

test('党纪 after the earlier period ended is not combined', () => {
  const results = computeImpacts([
    { id: 'a', category: 'party', type: '警告', effectiveDate: '2020-01-01', status: '有效' },
    { id: 'b', category: 'party', type: '警告', effectiveDate: '2021-01-01', status: '有效' },
  ]);
  edge(results.get('b')!.promotionEnd, '2021-12-31');
});

test('政务+政务 — 行政机关公务员处分条例第十条: remainder plus new period the calendar way, capped at 48 months', () => {
  const two = computeImpacts([
    { id: 'a', category: 'government', type: '记过', effectiveDate: '2024-01-01', status: '有效' }, // to 2024-12-31
    { id: 'b', category: 'government', type: '记大过', effectiveDate: '2024-06-01', status: '有效' }, // remainder 7 months
  ]);
  edge(two.get('b')!.promotionEnd, '2026-06-30'); // 18 + 7 = 25 months from 2024-06-01
  edge(two.get('b')!.commendationEnd, '2026-06-30'); // grading: the combined 处分期

  const capped = computeImpacts([
    { id: 'a', category: 'government', type: '撤职', effectiveDate: '2024-01-01', status: '有效' }, // to 2025-12-31
    { id: 'b', category: 'government', type: '降级', effectiveDate: '2024-02-01', status: '有效' }, // 24 + 23 = 47 months → 2027-12-31
    { id: 'c', category: 'government', type: '记大过', effectiveDate: '2024-03-01', status: '有效' }, // 18 + 46 = 64 → cap 48 from 2024-03-01
  ]);
  edge(capped.get('b')!.promotionEnd, '2027-12-31');
  edge(capped.get('c')!.promotionEnd, '2028-02-29');
  const step = capped.get('c')!.steps.find((s) => s.includes('最长不超过48个月'))!;
  assert.ok(step.endsWith('最后一日为2028年2月29日。'), step);
});

test('政务 降级+撤职+撤职: the explanation’s last day is the end actually used (issue 11 case)', () => {
  const r = computeImpacts([
    { id: 'a', category: 'government', type: '降级', effectiveDate: '2024-01-01', status: '有效' }, // to 2025-12-31
    { id: 'b', category: 'government', type: '撤职', effectiveDate: '2025-06-01', status: '有效' }, // 7 + 24 = 31 months → 2027-12-31
    { id: 'c', category: 'government', type: '撤职', effectiveDate: '2027-06-01', status: '有效' }, // 7 + 24 = 31 months → 2029-12-31
  ]);
  edge(r.get('b')!.promotionEnd, '2027-12-31');
  edge(r.get('c')!.promotionEnd, '2029-12-31');
  for (const id of ['a', 'b', 'c']) {
    const c = r.get(id)!;
    const careerStep = c.steps.find((s) => s.includes('不得晋升职务'))!;
    assert.ok(careerStep.endsWith(`最后一日为${chineseOf(c.promotionEnd as string)}。`), careerStep);
  }
});

test('党纪+政务 — kept apart: both shown, each with its own end (the stricter is taken when assessing)', () => {
  const r = computeImpacts([
    { id: 'p', category: 'party', type: '警告', effectiveDate: '2024-01-10', status: '有效' },
    { id: 'g', category: 'government', type: '记大过', effectiveDate: '2024-01-10', status: '有效' },
  ]);
  edge(r.get('p')!.promotionEnd, '2025-01-09');
  edge(r.get('g')!.promotionEnd, '2025-07-09');
  assert.ok(!r.get('g')!.steps.some((s) => s.includes('尚未执行')));
});

test('revoked sanctions bar nothing; lifted ones stop the day before they were lifted, and say so', () => {
  assert.equal(one({ category: 'party', type: '严重警告', effectiveDate: '2024-01-01', status: '已撤销' }).promotionEnd, null);
  const lifted = one({ category: 'government', type: '记过', effectiveDate: '2024-01-01', status: '已解除', statusDate: '2024-10-01' });
  edge(lifted.promotionEnd, '2024-09-30');
  assert.ok(lifted.steps.some((s) => s.includes('解除') && s.endsWith('最后一日为2024年9月30日。')));
});

function chineseOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
