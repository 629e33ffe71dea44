import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IMPACT_RULES_2024 } from './impactRules';
import { barsOn, computeImpacts, type SanctionFacts } from './impactPeriod';
import { SANCTION_TYPES, type SanctionCategory } from './kinds';

const one = (facts: Omit<SanctionFacts, 'id' | 'status'> & Partial<SanctionFacts>) => {
  const s: SanctionFacts = { id: 'a', status: '有效', ...facts };
  return computeImpacts([s]).get(s.id)!;
};

test('every sanction type of every category has a rule naming its source regulation', () => {
  for (const [category, types] of Object.entries(SANCTION_TYPES)) {
    for (const type of types) {
      const rule = IMPACT_RULES_2024.rules.find((r) => r.category === (category as SanctionCategory) && r.type === type);
      assert.ok(rule, `${category} ${type}`);
      assert.match(rule.source, /《.+》/);
    }
  }
});

test('party warning: 12 months for promotion, to the end of that year for commendation', () => {
  const r = one({ category: 'party', type: '警告', effectiveDate: '2024-03-15' });
  assert.equal(r.promotionEnd, '2025-03-14');
  assert.equal(r.commendationEnd, '2024-12-31');
  assert.ok(r.steps.some((s) => s.includes('12个月') && s.includes('2025年3月14日')));
  assert.ok(r.steps[0]!.includes('纪律处分条例'));
});

test('the evaluation date exactly on the last day is still barred; the day after is clear', () => {
  const r = one({ category: 'government', type: '记过', effectiveDate: '2024-08-31' });
  assert.equal(r.promotionEnd, '2025-08-30');
  assert.equal(barsOn(r.promotionEnd, '2025-08-30'), true);
  assert.equal(barsOn(r.promotionEnd, '2025-08-31'), false);
  assert.equal(barsOn(r.commendationEnd, '2025-08-30'), true); // 政务: commendation barred during the period
});

test('month ends and leap days follow the month-end rule', () => {
  assert.equal(one({ category: 'government', type: '警告', effectiveDate: '2024-08-31' }).promotionEnd, '2025-02-28');
  assert.equal(one({ category: 'party', type: '警告', effectiveDate: '2024-02-29' }).promotionEnd, '2025-02-28');
  assert.equal(one({ category: 'admonition', type: '诫勉', effectiveDate: '2023-08-31' }).promotionEnd, '2024-02-29');
});

test('留党察看: probation, then 24 months after rights are restored', () => {
  const registered = one({ category: 'party', type: '留党察看', effectiveDate: '2022-05-10', probationMonths: 12, restorationDate: '2023-05-12' });
  assert.equal(registered.promotionEnd, '2025-05-11');
  assert.ok(registered.steps.some((s) => s.includes('2023年5月12日恢复党员权利')));
  const estimated = one({ category: 'party', type: '留党察看', effectiveDate: '2022-05-10', probationMonths: 24 });
  assert.equal(estimated.promotionEnd, '2026-05-09'); // restored 2024-05-10 (expected), + 24 months
  assert.ok(estimated.steps.some((s) => s.includes('推算')));
});

test('a new party sanction inside a running party period adds the unexpired remainder', () => {
  const results = computeImpacts([
    { id: 'first', category: 'party', type: '警告', effectiveDate: '2024-01-01', status: '有效' }, // to 2024-12-31
    { id: 'second', category: 'party', type: '严重警告', effectiveDate: '2024-10-01', status: '有效' }, // own end 2026-03-31
  ]);
  // remainder: 2024-10-01 … 2024-12-31 = 92 days
  assert.equal(results.get('first')!.promotionEnd, '2024-12-31');
  assert.equal(results.get('second')!.promotionEnd, '2026-07-01');
  assert.ok(results.get('second')!.steps.some((s) => s.includes('尚余92天')));
});

test('a party sanction after the earlier period ended is not combined', () => {
  const results = computeImpacts([
    { id: 'a', category: 'party', type: '警告', effectiveDate: '2020-01-01', status: '有效' },
    { id: 'b', category: 'party', type: '警告', effectiveDate: '2021-01-01', status: '有效' },
  ]);
  assert.equal(results.get('b')!.promotionEnd, '2021-12-31');
});

test('政务 periods run one after another and are capped at 48 months in total', () => {
  const twoInChain = computeImpacts([
    { id: 'a', category: 'government', type: '记过', effectiveDate: '2024-01-01', status: '有效' }, // to 2024-12-31
    { id: 'b', category: 'government', type: '记大过', effectiveDate: '2024-06-01', status: '有效' }, // 18 months after 2025-01-01
  ]);
  assert.equal(twoInChain.get('b')!.promotionEnd, '2026-06-30');
  const capped = computeImpacts([
    { id: 'a', category: 'government', type: '撤职', effectiveDate: '2024-01-01', status: '有效' }, // to 2025-12-31
    { id: 'b', category: 'government', type: '降级', effectiveDate: '2024-02-01', status: '有效' }, // to 2027-12-31 (48 months: cap is 2027-12-31)
    { id: 'c', category: 'government', type: '记大过', effectiveDate: '2024-03-01', status: '有效' }, // would run to 2029-06-30
  ]);
  assert.equal(capped.get('b')!.promotionEnd, '2027-12-31');
  assert.equal(capped.get('c')!.promotionEnd, '2027-12-31');
  assert.ok(capped.get('c')!.steps.some((s) => s.includes('最长不超过48个月')));
});

test('both party and 政务 records are kept apart; the stricter bar wins when a person is assessed', () => {
  const r = computeImpacts([
    { id: 'p', category: 'party', type: '警告', effectiveDate: '2024-01-10', status: '有效' },
    { id: 'g', category: 'government', type: '记大过', effectiveDate: '2024-01-10', status: '有效' },
  ]);
  assert.equal(r.get('p')!.promotionEnd, '2025-01-09');
  assert.equal(r.get('g')!.promotionEnd, '2025-07-09');
});

test('revoked sanctions bar nothing; lifted ones stop the day before they were lifted', () => {
  assert.equal(one({ category: 'party', type: '严重警告', effectiveDate: '2024-01-01', status: '已撤销' }).promotionEnd, null);
  const lifted = one({ category: 'government', type: '记过', effectiveDate: '2024-01-01', status: '已解除', statusDate: '2024-10-01' });
  assert.equal(lifted.promotionEnd, '2024-09-30');
});

test('expulsion is permanent', () => {
  assert.equal(one({ category: 'party', type: '开除党籍', effectiveDate: '2020-01-01' }).promotionEnd, 'permanent');
  assert.equal(barsOn('permanent', '2099-01-01'), true);
});
