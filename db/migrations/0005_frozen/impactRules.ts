/**
 * FROZEN for migration 0005 (rule set 2026.1): a copy of core/sanctions/impactRules.ts as it was when 0005 was
 * released. Never edited, never imported by live code: later changes to core must not change
 * what an old migration does. 0005_rules_by_purpose.test.ts proves it equals the live code on a fixture.
 */
/**
 * 影响期规则 — the impact-period rules, kept as versioned data.
 *
 * A sanction sets one or more bars (限制), each with its own length and its own source:
 * 免职 bars any leadership post for one year AND any post above the former level for two
 * years — two bars, not one. Each bar serves one purpose:
 *   career      — 提拔、进一步使用、职级晋升、换届提名、后备 (every request purpose but 评先评优);
 *   annualGrade — 年度考核等次 (also what 评先评优 follows under the 'annualGrading' reading);
 *   membership  — 重新入党 (开除党籍), shown in the dossier, never a reason in a reply.
 * 评先评优 follows the office setting (设置 › 影响期规则, see commendationReadings.ts).
 *
 * Sources: every bar names the article it comes from, as verified (docs/opinions.md lists
 * them). Where no article could be verified the bar carries `practice` (单位惯例): it is
 * kept because offices apply it, and the settings page and the dossier say so.
 *
 * A released rule set is never edited: a change is a new set with a new version; migration
 * (0005 for 2026.1) recomputes every record with it and keeps the old ends in history.
 */
import type { SanctionCategory } from './kinds';

/** How long a bar runs, counted from the decision's effective date (that day counts). */
export type BarPeriod =
  | { kind: 'months'; months: number }
  /** 留党察看: through the probation, then `months` after party rights are restored. */
  | { kind: 'afterRestoration'; months: number }
  /** To 31 December of the year of effect and the `years - 1` following years; 'probation' = 1 + the probation in years. */
  | { kind: 'calendarYears'; years: number | 'probation' }
  | { kind: 'permanent' };

export type BarPurpose = 'career' | 'annualGrade' | 'membership';

export interface BarRule {
  purpose: BarPurpose;
  /** The bar in the words of its source, with its length ("一年内不得在党内提拔职务或者进一步使用"): used in the table, the steps and the letters alike. */
  text: string;
  /** The same without the length, for a letter sentence ("不得在党内提拔职务或者进一步使用"). */
  restriction: string;
  period: BarPeriod;
  /** The article that says it. */
  source: string;
  /** Set when no article could be verified: 单位惯例, and why. */
  practice?: string;
}

export interface ImpactRule {
  category: SanctionCategory;
  type: string;
  /** 停职检查: a measure while a matter is examined, not a period — 暂缓 while it lasts. */
  measure?: { text: string; source: string; practice?: string };
  bars: readonly BarRule[];
}

export interface CombinationRule {
  /** The bars summed: the unserved remainder of the earlier period plus the new period. */
  text: string;
  source: string;
  /** Longest combined period, counted from the new decision's effective date; null = no cap. */
  capMonths: number | null;
}

export interface ImpactRuleSet {
  version: string;
  title: string;
  /** A new party sanction inside a running party impact period. */
  party: CombinationRule;
  /** A new 政务 sanction inside a running 政务处分期. */
  government: CombinationRule;
  rules: readonly ImpactRule[];
}

// ---- sources (verified texts; docs/opinions.md gives where each was read) ----
const PARTY = '《中国共产党纪律处分条例》（2023年修订）';
const GOV_LAW = '《中华人民共和国公职人员政务处分法》';
const ADMIN_REG = '《行政机关公务员处分条例》（2007年）';
const GRADING_PARTY = '中央纪委、中央组织部、人事部《关于受党纪处分的党政机关工作人员年度考核有关问题的意见》（组通字〔1998〕19号）';
const GRADING_GOV = '《公务员考核规定（试行）》（2007年）第二十五条';
const SELECTION = '《党政领导干部选拔任用工作条例》（2019年）第二十四条第六项';
const ORG = '《中国共产党组织处理规定（试行）》（2021年）';

const GRADING_GOV_NOTE = '2020年修订的《公务员考核规定》相应条款未能核对原文，暂按2007年试行规定执行';
const ORG_NOTE = `${ORG}关于影响期的条款未能核对原文；影响期未满不得列为考察对象见${SELECTION}`;
const ADMONITION_NOTE = `《关于对党员领导干部进行诫勉的规定》条文未能核对原文；影响期未满不得列为考察对象见${SELECTION}`;

const PARTY_PROMOTION = '不得在党内提拔职务或者进一步使用，也不得向党外组织推荐担任高于其原任职务的党外职务或者进一步使用';
const PARTY_SAME_LEVEL = '不得在党内担任和向党外组织推荐担任与其原任职务相当或者高于其原任职务的职务';
const GOV_PROMOTION = '不得晋升职务、职级、衔级和级别';
const GOV_GRADING = '处分期内参加年度考核只写评语，不确定等次';

const months = (n: number): BarPeriod => ({ kind: 'months', months: n });
const thisYear: BarPeriod = { kind: 'calendarYears', years: 1 };

const govRule = (type: string, n: number, lengthWords: string, grading: BarRule): ImpactRule => ({
  category: 'government',
  type,
  bars: [
    {
      purpose: 'career',
      text: `处分期${lengthWords}内${GOV_PROMOTION}`,
      restriction: GOV_PROMOTION,
      period: months(n),
      source: `${GOV_LAW}第八条、第十九条`,
    },
    grading,
  ],
});
const govGradingInPeriod = (n: number): BarRule => ({
  purpose: 'annualGrade',
  text: GOV_GRADING,
  restriction: GOV_GRADING,
  period: months(n),
  source: GRADING_GOV,
  practice: GRADING_GOV_NOTE,
});

export const IMPACT_RULES_2026: ImpactRuleSet = {
  version: '2026.1',
  title: '影响期规则（分用途；依据2023年修订的纪律处分条例、政务处分法等，逐条注明）',
  party: {
    text: '党员在党纪处分影响期内又受到党纪处分的，其影响期为原处分尚未执行的影响期与新处分影响期之和（不设上限）',
    source: `${PARTY}第二十一条`,
    capMonths: null,
  },
  government: {
    text: '在受处分期间受到新的处分的，其处分期为原处分期尚未执行的期限与新处分期限之和，处分期最长不得超过48个月',
    source: `${ADMIN_REG}第十条第二款、第三款`,
    capMonths: 48,
  },
  rules: [
    {
      category: 'party',
      type: '警告',
      bars: [
        { purpose: 'career', text: `一年内${PARTY_PROMOTION}`, restriction: PARTY_PROMOTION, period: months(12), source: `${PARTY}第十条` },
        {
          purpose: 'annualGrade',
          text: '当年年度考核不得确定为优秀等次',
          restriction: '年度考核不得确定为优秀等次',
          period: thisYear,
          source: `${GRADING_PARTY}第一条`,
        },
      ],
    },
    {
      category: 'party',
      type: '严重警告',
      bars: [
        {
          purpose: 'career',
          text: `一年半内${PARTY_PROMOTION}`,
          restriction: PARTY_PROMOTION,
          period: months(18),
          source: `${PARTY}第十条`,
        },
        {
          purpose: 'annualGrade',
          text: '当年年度考核确定为不称职或者只写评语不确定等次',
          restriction: '年度考核确定为不称职或者只写评语不确定等次',
          period: thisYear,
          source: `${GRADING_PARTY}第二条`,
        },
      ],
    },
    {
      category: 'party',
      type: '撤销党内职务',
      bars: [
        {
          purpose: 'career',
          text: `二年内${PARTY_SAME_LEVEL}`,
          restriction: PARTY_SAME_LEVEL,
          period: months(24),
          source: `${PARTY}第十一条`,
        },
        {
          purpose: 'annualGrade',
          text: '当年年度考核确定为不称职',
          restriction: '年度考核确定为不称职',
          period: thisYear,
          source: `${GRADING_PARTY}第三条`,
        },
      ],
    },
    {
      category: 'party',
      type: '留党察看',
      bars: [
        {
          purpose: 'career',
          text: `察看期内及恢复党员权利后二年内${PARTY_SAME_LEVEL}`,
          restriction: PARTY_SAME_LEVEL,
          period: { kind: 'afterRestoration', months: 24 },
          source: `${PARTY}第十二条`,
        },
        {
          purpose: 'annualGrade',
          text: '当年年度考核确定为不称职，其后察看期内各年只写评语不确定等次',
          restriction: '年度考核确定为不称职或者只写评语不确定等次',
          period: { kind: 'calendarYears', years: 'probation' },
          source: `${GRADING_PARTY}第四条`,
        },
      ],
    },
    {
      category: 'party',
      type: '开除党籍',
      bars: [
        {
          purpose: 'career',
          text: '五年内不得推荐担任与其原任职务相当或者高于其原任职务的党外职务',
          restriction: '不得推荐担任与其原任职务相当或者高于其原任职务的党外职务',
          period: months(60),
          source: `${PARTY}第十三条`,
        },
        { purpose: 'membership', text: '五年内不得重新入党', restriction: '不得重新入党', period: months(60), source: `${PARTY}第十三条` },
        {
          purpose: 'annualGrade',
          text: '当年年度考核确定为不称职，第二年和第三年只写评语不确定等次',
          restriction: '年度考核确定为不称职或者只写评语不确定等次',
          period: { kind: 'calendarYears', years: 3 },
          source: `${GRADING_PARTY}第五条`,
        },
      ],
    },
    govRule('警告', 6, '六个月', {
      purpose: 'annualGrade',
      text: '当年年度考核不得确定为优秀等次',
      restriction: '年度考核不得确定为优秀等次',
      period: thisYear,
      source: GRADING_GOV,
      practice: GRADING_GOV_NOTE,
    }),
    govRule('记过', 12, '十二个月', govGradingInPeriod(12)),
    govRule('记大过', 18, '十八个月', govGradingInPeriod(18)),
    govRule('降级', 24, '二十四个月', govGradingInPeriod(24)),
    govRule('撤职', 24, '二十四个月', govGradingInPeriod(24)),
    {
      category: 'government',
      type: '开除',
      bars: [
        {
          purpose: 'career',
          text: '解除人事关系，不得再担任公务员职务',
          restriction: '解除人事关系，不得再担任公务员职务',
          period: { kind: 'permanent' },
          source: `${ADMIN_REG}第九条`,
        },
      ],
    },
    {
      category: 'organizational',
      type: '停职检查',
      measure: {
        text: '停职检查是审查期间的措施，不是影响期：检查期间建议暂缓',
        source: `${ORG}第三条`,
        practice: '检查期间暂缓为单位惯例',
      },
      bars: [],
    },
    {
      category: 'organizational',
      type: '调整职务',
      bars: [
        { purpose: 'career', text: '一年内不得提拔', restriction: '不得提拔', period: months(12), source: ORG, practice: ORG_NOTE },
        {
          purpose: 'annualGrade',
          text: '当年年度考核不得确定为优秀等次',
          restriction: '年度考核不得确定为优秀等次',
          period: thisYear,
          source: ORG,
          practice: ORG_NOTE,
        },
      ],
    },
    ...(['责令辞职', '免职'] as const).map((type): ImpactRule => ({
      category: 'organizational',
      type,
      bars: [
        {
          purpose: 'career',
          text: '一年内不安排领导职务',
          restriction: '不安排领导职务',
          period: months(12),
          source: ORG,
          practice: ORG_NOTE,
        },
        {
          purpose: 'career',
          text: '二年内不得担任高于原任职务层次的职务',
          restriction: '不得担任高于原任职务层次的职务',
          period: months(24),
          source: ORG,
          practice: ORG_NOTE,
        },
        {
          purpose: 'annualGrade',
          text: '当年年度考核只写评语，不确定等次',
          restriction: '年度考核不确定等次',
          period: thisYear,
          source: ORG,
          practice: ORG_NOTE,
        },
      ],
    })),
    {
      category: 'organizational',
      type: '降职',
      bars: [
        { purpose: 'career', text: '二年内不得提拔', restriction: '不得提拔', period: months(24), source: ORG, practice: ORG_NOTE },
        {
          purpose: 'annualGrade',
          text: '当年年度考核只写评语，不确定等次',
          restriction: '年度考核不确定等次',
          period: thisYear,
          source: ORG,
          practice: ORG_NOTE,
        },
      ],
    },
    {
      category: 'admonition',
      type: '诫勉',
      bars: [
        {
          purpose: 'career',
          text: '六个月内不得提拔或者重用',
          restriction: '不得提拔或者重用',
          period: months(6),
          source: '《关于对党员领导干部进行诫勉的规定》（2019年）',
          practice: ADMONITION_NOTE,
        },
        {
          purpose: 'annualGrade',
          text: '当年年度考核不得确定为优秀等次',
          restriction: '年度考核不得确定为优秀等次',
          period: thisYear,
          source: '《关于对党员领导干部进行诫勉的规定》（2019年）',
          practice: ADMONITION_NOTE,
        },
      ],
    },
  ],
};

export function findRule(set: ImpactRuleSet, category: SanctionCategory, type: string): ImpactRule | undefined {
  return set.rules.find((r) => r.category === category && r.type === type);
}
