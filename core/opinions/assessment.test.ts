import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PendingMatter } from '../pendingMatters/contract';
import { COMMENDATION_READINGS, type CommendationReading } from '../sanctions/commendationReadings';
import { IMPACT_RULES_2026 } from '../sanctions/impactRules';
import { addDays } from '../shared/dates';
import type { Sanction } from '../sanctions/contract';
import { computeImpacts, type SanctionFacts } from '../sanctions/impactPeriod';
import { proposeConclusion } from './assessment';
import { PURPOSES } from './contract';

/** Sanctions as the register holds them, computed with the current rule set and the given reading. */
function register(
  records: (Omit<SanctionFacts, 'id' | 'status'> & Partial<SanctionFacts>)[],
  reading: CommendationReading = 'wholeImpactPeriod',
): Sanction[] {
  const facts = records.map((r, i): SanctionFacts => ({ id: `s${i + 1}`, status: '有效', ...r }));
  const computed = computeImpacts(facts, undefined, reading);
  return facts.map((f) => {
    const c = computed.get(f.id)!;
    return {
      id: f.id,
      rev: 1,
      personId: 'p',
      category: f.category,
      type: f.type,
      decisionAuthority: '市纪委',
      decisionNumber: null,
      decisionDate: f.effectiveDate,
      effectiveDate: f.effectiveDate,
      probationMonths: (f.probationMonths ?? null) as Sanction['probationMonths'],
      restorationDate: f.restorationDate ?? null,
      status: f.status,
      statusDate: f.statusDate ?? null,
      summary: null,
      computed: { ...c, history: [] },
      override: { promotionEnd: null, promotionReason: null, commendationEnd: null, commendationReason: null },
      promotionEnd: c.promotionEnd,
      commendationEnd: c.commendationEnd,
    };
  });
}

const matter = (m: Partial<PendingMatter>): PendingMatter => ({
  id: 'm1',
  rev: 1,
  personId: 'p',
  kind: 'lead',
  source: null,
  receivedDate: '2025-01-01',
  summary: null,
  status: '在办',
  closedDate: null,
  closingResult: null,
  history: [],
  ...m,
});

// ---- the four reproduced cases of issue 11 §1: all barred for 评先评优, with true wording ----

test('issue 11 case: 党纪严重警告 effective 2024-03-15, 评先评优 asked 2025-01-10 → barred (impact period to 2025-09-14)', () => {
  const p = proposeConclusion(
    register([{ category: 'party', type: '严重警告', effectiveDate: '2024-03-15' }]),
    [],
    '评先评优',
    '2025-01-10',
  );
  assert.equal(p.category, 'barred');
  assert.equal(
    p.wording,
    '该同志于2024年3月15日受到党内严重警告处分，处于影响期内（至2025年9月14日），按本单位规定，影响期内不得评先评优，不宜评先评优。',
  );
  assert.ok(!p.wording.includes('已满'));
  assert.equal(p.findings.commendationReading, 'wholeImpactPeriod');
});

test('issue 11 case: 撤销党内职务 2025-06-01, 评先评优 asked 2026-02-01 → barred', () => {
  const p = proposeConclusion(
    register([{ category: 'party', type: '撤销党内职务', effectiveDate: '2025-06-01' }]),
    [],
    '评先评优',
    '2026-02-01',
  );
  assert.equal(p.category, 'barred');
  assert.ok(p.wording.includes('至2027年5月31日') && p.wording.endsWith('不宜评先评优。'), p.wording);
});

test('issue 11 case: 调整职务 2026-01-01, 评先评优 asked 2026-02-01 → barred', () => {
  const p = proposeConclusion(
    register([{ category: 'organizational', type: '调整职务', effectiveDate: '2026-01-01' }]),
    [],
    '评先评优',
    '2026-02-01',
  );
  assert.equal(p.category, 'barred');
  assert.ok(p.wording.startsWith('该同志于2026年1月1日受到调整职务处理，处于影响期内（至2026年12月31日）'), p.wording);
});

test('issue 11 case: 免职 2025-01-01, 评先评优 asked 2025-06-01 → barred; for 提拔 both bars are named', () => {
  const sanctions = register([{ category: 'organizational', type: '免职', effectiveDate: '2025-01-01' }]);
  assert.equal(proposeConclusion(sanctions, [], '评先评优', '2025-06-01').category, 'barred');
  const promotion = proposeConclusion(sanctions, [], '提拔', '2025-06-01');
  assert.equal(
    promotion.wording,
    '该同志于2025年1月1日受到免职处理，处于影响期内（不安排领导职务，至2025年12月31日；不得担任高于原任职务层次的职务，至2026年12月31日），不宜提拔。',
  );
  // After the first bar ended only the second is named; the day after the second, clear and 已满.
  assert.ok(!proposeConclusion(sanctions, [], '提拔', '2026-01-01').wording.includes('不安排领导职务'));
  assert.equal(proposeConclusion(sanctions, [], '提拔', '2026-12-31').category, 'barred');
  const after = proposeConclusion(sanctions, [], '提拔', '2027-01-01');
  assert.equal(after.category, 'clear');
  assert.equal(after.wording, '未发现影响提拔使用的问题。该同志曾于2025年1月1日受到免职处理，影响期已满。');
});

// ---- the office's other 评先评优 reading ----

test('annualGrading reading: 评先评优 clear after the grading year, and the letter says the promotion bar still runs (not 已满)', () => {
  const sanctions = register([{ category: 'party', type: '严重警告', effectiveDate: '2024-03-15' }], 'annualGrading');
  const p = proposeConclusion(sanctions, [], '评先评优', '2025-01-10', 'annualGrading');
  assert.equal(p.category, 'clear');
  assert.ok(!p.wording.includes('已满'), p.wording);
  assert.ok(p.wording.includes('其对评先评优的影响已于2024年12月31日结束') && p.wording.includes('影响期至2025年9月14日'), p.wording);
  assert.equal(p.findings.commendationReading, 'annualGrading');
  assert.deepEqual(
    p.findings.sanctions[0]!.otherBars!.map((b) => b.end),
    ['2025-09-14'],
  );
  // Inside the grading year it is barred, and says which bar.
  const inYear = proposeConclusion(sanctions, [], '评先评优', '2024-12-31', 'annualGrading');
  assert.equal(inYear.category, 'barred');
  assert.ok(inYear.wording.includes('年度考核确定为不称职或者只写评语不确定等次，至2024年12月31日'), inYear.wording);
});

test('a promotion bar that ended while the grading bar runs says so (政务警告, asked in the same year)', () => {
  const sanctions = register([{ category: 'government', type: '警告', effectiveDate: '2025-03-01' }]);
  const p = proposeConclusion(sanctions, [], '提拔', '2025-10-01');
  assert.equal(p.category, 'clear');
  assert.ok(p.wording.includes('其对提拔使用的影响已于2025年8月31日结束') && p.wording.includes('至2025年12月31日'), p.wording);
});

test('开除党籍 does not read “至长期”: the five-year bars are named with their last day', () => {
  const p = proposeConclusion(register([{ category: 'party', type: '开除党籍', effectiveDate: '2022-05-01' }]), [], '提拔', '2025-01-01');
  assert.equal(p.category, 'barred');
  assert.ok(!p.wording.includes('长期'), p.wording);
  assert.ok(p.wording.includes('至2027年4月30日'), p.wording);
});

test('政务开除 is barred without an end date in the sentence', () => {
  const p = proposeConclusion(register([{ category: 'government', type: '开除', effectiveDate: '2022-05-01' }]), [], '提拔', '2025-01-01');
  assert.equal(p.wording, '该同志于2022年5月1日受到政务开除处分，解除人事关系，不得再担任公务员职务，不宜提拔。');
});

// ---- the state on the reply date, and every reason ----

test('a 问题线索 open 2025-01-01 … 2025-09-01 is open for a reply dated 2025-06-01 (read from its history), closed after', () => {
  const lead = matter({
    status: '已办结',
    closedDate: '2025-09-01',
    closingResult: '予以了结',
    history: [
      { date: '2025-01-01', kind: 'received', status: '在办', note: null },
      { date: '2025-09-01', kind: 'closed', status: '已办结', note: '予以了结' },
    ],
  });
  const june = proposeConclusion([], [lead], '提拔', '2025-06-01');
  assert.equal(june.category, 'pending');
  assert.equal(june.wording, '有反映问题正在核查（问题线索），建议暂缓。');
  assert.equal(proposeConclusion([], [lead], '提拔', '2025-08-31').category, 'pending');
  assert.equal(proposeConclusion([], [lead], '提拔', '2025-09-01').category, 'clear');
  assert.equal(proposeConclusion([], [lead], '提拔', '2024-12-31').category, 'clear');
});

test('a reopened matter is open again from the day it was reopened', () => {
  const m = matter({
    history: [
      { date: '2025-01-01', kind: 'received', status: '在办', note: null },
      { date: '2025-03-01', kind: 'closed', status: '已办结', note: '了结' },
      { date: '2025-05-01', kind: 'reopened', status: '在办', note: null },
    ],
  });
  assert.equal(proposeConclusion([], [m], '提拔', '2025-04-01').category, 'clear');
  assert.equal(proposeConclusion([], [m], '提拔', '2025-05-01').category, 'pending');
});

test('a barred proposal with an open case says both', () => {
  const p = proposeConclusion(
    register([{ category: 'party', type: '警告', effectiveDate: '2025-03-01' }]),
    [matter({ kind: 'case', receivedDate: '2025-04-01', history: [{ date: '2025-04-01', kind: 'received', status: '在办', note: null }] })],
    '提拔',
    '2025-06-01',
  );
  assert.equal(p.category, 'barred');
  assert.ok(p.wording.includes('受到党内警告处分') && p.wording.includes('不宜提拔。另有反映问题正在核查（立案审查调查）。'), p.wording);
});

test('party + 政务: both shown, the stricter (later) bar is the one the sentence turns on', () => {
  const p = proposeConclusion(
    register([
      { category: 'party', type: '警告', effectiveDate: '2024-01-10' },
      { category: 'government', type: '记大过', effectiveDate: '2024-01-10' },
    ]),
    [],
    '提拔',
    '2024-12-01',
  );
  assert.equal(p.findings.sanctions.length, 2);
  assert.ok(
    p.wording.startsWith(
      '该同志于2024年1月10日受到政务记大过处分，处于影响期内（不得晋升职务、职级、衔级和级别，至2025年7月9日），不宜提拔。',
    ),
    p.wording,
  );
  assert.ok(p.wording.includes('此外，该同志还于2024年1月10日受到党内警告处分，影响期至2025年1月9日。'), p.wording);
});

test('停职检查 in force → 暂缓 while it lasts; lifted → no bar', () => {
  const open = register([{ category: 'organizational', type: '停职检查', effectiveDate: '2025-03-01' }]);
  const p = proposeConclusion(open, [], '提拔', '2025-06-01');
  assert.equal(p.category, 'pending');
  assert.equal(p.wording, '该同志自2025年3月1日起停职检查，建议暂缓。');
  const lifted = register([
    { category: 'organizational', type: '停职检查', effectiveDate: '2025-03-01', status: '已解除', statusDate: '2025-05-01' },
  ]);
  assert.equal(proposeConclusion(lifted, [], '提拔', '2025-04-30').category, 'pending');
  assert.equal(proposeConclusion(lifted, [], '提拔', '2025-05-01').category, 'clear');
});

// ---- every type × every purpose × both readings: last day barred, next day clear ----

test('every rule, every request purpose, both 评先评优 readings: barred on the last day, clear the day after', () => {
  for (const rule of IMPACT_RULES_2026.rules) {
    if (rule.measure) continue;
    for (const reading of COMMENDATION_READINGS) {
      const sanctions = register(
        [{ category: rule.category, type: rule.type, effectiveDate: '2024-03-15', probationMonths: rule.type === '留党察看' ? 12 : null }],
        reading,
      );
      for (const purpose of PURPOSES) {
        const end = purpose === '评先评优' ? sanctions[0]!.commendationEnd : sanctions[0]!.promotionEnd;
        const name = `${rule.category}·${rule.type}·${purpose}·${reading}`;
        if (end === 'permanent') {
          assert.equal(proposeConclusion(sanctions, [], purpose, '2099-12-31', reading).category, 'barred', name);
          continue;
        }
        assert.ok(end, `${name}: no end`);
        assert.equal(proposeConclusion(sanctions, [], purpose, end, reading).category, 'barred', `${name} on ${end}`);
        const next = proposeConclusion(sanctions, [], purpose, addDays(end, 1), reading);
        assert.equal(next.category, 'clear', `${name} on ${addDays(end, 1)}`);
        // The clear sentence never calls a running bar 已满.
        if (next.wording.includes('已满'))
          assert.ok(
            sanctions[0]!.computed.bars.every((b) => b.end !== 'permanent' && b.end! < addDays(end, 1)),
            `${name}: ${next.wording}`,
          );
      }
    }
  }
});
