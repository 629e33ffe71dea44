/**
 * 影响期规则 — the impact-period rules, kept as data.
 *
 * Each rule says, for one sanction type, how long it bars 提拔/进一步使用 (promotion) and
 * 评先评优 (commendation), and names the regulation it comes from. When regulations
 * change, add a new rule set with a new version; records keep the version that computed
 * their ends. Administrators see this table in 设置 › 影响期规则 (channel impactRules.list).
 */
import type { SanctionCategory } from './kinds';

/** How long a sanction bars promotion / further use. */
export type PromotionBar =
  | { kind: 'months'; months: number }
  /** 留党察看: the probation, then `months` after party rights are restored. */
  | { kind: 'afterRestoration'; months: number }
  | { kind: 'permanent' };

/** How long it bars commendation (评先评优, annual grading). */
export type CommendationBar =
  | { kind: 'samePeriod' } // as long as the promotion bar
  | { kind: 'yearOfEffect' } // to the end of the year the decision took effect
  | { kind: 'none' }
  | { kind: 'permanent' };

export interface ImpactRule {
  category: SanctionCategory;
  type: string;
  promotion: PromotionBar;
  commendation: CommendationBar;
  /** What the rule means, in the words a clerk would use. */
  summary: string;
  /** The regulation the rule comes from. */
  source: string;
}

export interface ImpactRuleSet {
  version: string;
  title: string;
  /** Combination rules (apply across a person's records). */
  partyRemainderAdds: boolean;
  governmentCapMonths: number;
  rules: readonly ImpactRule[];
}

const PARTY = '《中国共产党纪律处分条例》（2023年修订）第十一条、第十二条';
const GOV = '《中华人民共和国公职人员政务处分法》第八条、第九条、第十条';
const UPDOWN = '《推进领导干部能上能下规定》（2022年）第十九条';
const SELECTION = '《党政领导干部选拔任用工作条例》（2019年）第二十六条';

export const IMPACT_RULES_2024: ImpactRuleSet = {
  version: '2024.1',
  title: '影响期规则（依据2023年修订的纪律处分条例、政务处分法等）',
  partyRemainderAdds: true,
  governmentCapMonths: 48,
  rules: [
    { category: 'party', type: '警告', promotion: { kind: 'months', months: 12 }, commendation: { kind: 'yearOfEffect' }, summary: '一年内不得在党内提拔职务和进一步使用；当年不得评为优秀', source: PARTY },
    { category: 'party', type: '严重警告', promotion: { kind: 'months', months: 18 }, commendation: { kind: 'yearOfEffect' }, summary: '一年半内不得在党内提拔职务和进一步使用；当年不得评先评优', source: PARTY },
    { category: 'party', type: '撤销党内职务', promotion: { kind: 'months', months: 24 }, commendation: { kind: 'yearOfEffect' }, summary: '二年内不得担任与原职务相当或高于原职务的职务；当年考核定为不称职', source: PARTY },
    { category: 'party', type: '留党察看', promotion: { kind: 'afterRestoration', months: 24 }, commendation: { kind: 'yearOfEffect' }, summary: '察看期（一年或二年）内及恢复党员权利后二年内不得担任与原职务相当或高于原职务的职务', source: PARTY },
    { category: 'party', type: '开除党籍', promotion: { kind: 'permanent' }, commendation: { kind: 'permanent' }, summary: '五年内不得重新入党，不得提拔使用', source: PARTY },
    { category: 'government', type: '警告', promotion: { kind: 'months', months: 6 }, commendation: { kind: 'samePeriod' }, summary: '处分期6个月，期内不得晋升职务、职级和评先评优', source: GOV },
    { category: 'government', type: '记过', promotion: { kind: 'months', months: 12 }, commendation: { kind: 'samePeriod' }, summary: '处分期12个月，期内不得晋升职务、职级和评先评优', source: GOV },
    { category: 'government', type: '记大过', promotion: { kind: 'months', months: 18 }, commendation: { kind: 'samePeriod' }, summary: '处分期18个月，期内不得晋升职务、职级和评先评优', source: GOV },
    { category: 'government', type: '降级', promotion: { kind: 'months', months: 24 }, commendation: { kind: 'samePeriod' }, summary: '处分期24个月，期内不得晋升职务、职级和评先评优', source: GOV },
    { category: 'government', type: '撤职', promotion: { kind: 'months', months: 24 }, commendation: { kind: 'samePeriod' }, summary: '处分期24个月，期内不得晋升职务、职级和评先评优', source: GOV },
    { category: 'government', type: '开除', promotion: { kind: 'permanent' }, commendation: { kind: 'permanent' }, summary: '解除人事关系，不得录用为公务员', source: GOV },
    { category: 'organizational', type: '停职检查', promotion: { kind: 'months', months: 12 }, commendation: { kind: 'none' }, summary: '一年内不得提拔', source: UPDOWN },
    { category: 'organizational', type: '调整职务', promotion: { kind: 'months', months: 12 }, commendation: { kind: 'none' }, summary: '一年内不得提拔', source: UPDOWN },
    { category: 'organizational', type: '责令辞职', promotion: { kind: 'months', months: 24 }, commendation: { kind: 'none' }, summary: '一年内不安排领导职务，二年内不得担任高于原职务层次的职务', source: UPDOWN },
    { category: 'organizational', type: '免职', promotion: { kind: 'months', months: 24 }, commendation: { kind: 'none' }, summary: '一年内不安排领导职务，二年内不得担任高于原职务层次的职务', source: UPDOWN },
    { category: 'organizational', type: '降职', promotion: { kind: 'months', months: 24 }, commendation: { kind: 'none' }, summary: '二年内不得提拔', source: UPDOWN },
    { category: 'admonition', type: '诫勉', promotion: { kind: 'months', months: 6 }, commendation: { kind: 'yearOfEffect' }, summary: '六个月内不得提拔或者重用；当年取消评先评优资格', source: SELECTION },
  ],
};

/** The rule set in force. A later one is added above and named here; old versions stay for records computed with them. */
export const CURRENT_IMPACT_RULES = IMPACT_RULES_2024;
export const IMPACT_RULE_SETS: readonly ImpactRuleSet[] = [IMPACT_RULES_2024];

export function findRule(set: ImpactRuleSet, category: SanctionCategory, type: string): ImpactRule | undefined {
  return set.rules.find((r) => r.category === category && r.type === type);
}
