/**
 * Computes each sanction's two impact ends — for 提拔/进一步使用 and for 评先评优 —
 * from a rule set, and records how each end was reached, in Chinese, for the clerk.
 * Records of one person are computed together because of the combination rules:
 * a new party sanction inside a running party period adds the remainder; 政务 periods
 * run one after another, capped at 48 months in total.
 */
import { addDays, chineseDate, compareDates, endOfYear, toDayNumber, type IsoDate } from '../shared/dates';
import { CURRENT_IMPACT_RULES, findRule, type ImpactRuleSet } from './impactRules';
import { CATEGORY_LABELS, type SanctionCategory, type SanctionStatus } from './kinds';
import { addMonths, periodLastDay } from './periodMath';

/** A date (last barred day), 'permanent', or null (no bar). */
export type ImpactEnd = IsoDate | 'permanent' | null;

export interface SanctionFacts {
  id: string;
  category: SanctionCategory;
  type: string;
  effectiveDate: IsoDate;
  /** 留党察看 only. */
  probationMonths?: number | null;
  /** 留党察看 only: the day party rights were restored, once known. */
  restorationDate?: IsoDate | null;
  status: SanctionStatus;
  /** When it was lifted (已解除) or revoked (已撤销). */
  statusDate?: IsoDate | null;
}

export interface ComputedImpact {
  promotionEnd: ImpactEnd;
  commendationEnd: ImpactEnd;
  /** How the ends were reached, one step per line. */
  steps: string[];
  ruleVersion: string;
}

const later = (a: ImpactEnd, b: ImpactEnd): ImpactEnd => {
  if (a === 'permanent' || b === 'permanent') return 'permanent';
  if (a === null) return b;
  if (b === null) return a;
  return compareDates(a, b) >= 0 ? a : b;
};

export function describeEnd(end: ImpactEnd): string {
  return end === null ? '无' : end === 'permanent' ? '长期' : chineseDate(end);
}

export function computeImpacts(records: readonly SanctionFacts[], rules: ImpactRuleSet = CURRENT_IMPACT_RULES): Map<string, ComputedImpact> {
  const result = new Map<string, ComputedImpact>();
  const ordered = [...records].sort((a, b) => compareDates(a.effectiveDate, b.effectiveDate) || a.id.localeCompare(b.id));
  let partyEnd: ImpactEnd = null;
  let govChain: { start: IsoDate; end: IsoDate } | null = null;

  for (const s of ordered) {
    const steps: string[] = [];
    const label = `${CATEGORY_LABELS[s.category]}·${s.type}`;
    if (s.status === '已撤销') {
      result.set(s.id, { promotionEnd: null, commendationEnd: null, steps: [`${label}已撤销，不产生影响。`], ruleVersion: rules.version });
      continue;
    }
    const rule = findRule(rules, s.category, s.type);
    if (!rule) {
      result.set(s.id, { promotionEnd: null, commendationEnd: null, steps: [`规则表（${rules.version}）中没有“${label}”，请人工确定影响期。`], ruleVersion: rules.version });
      continue;
    }
    steps.push(`依据：${rule.source}——${rule.summary}。`);

    let promotion: ImpactEnd;
    switch (rule.promotion.kind) {
      case 'months':
        promotion = periodLastDay(s.effectiveDate, rule.promotion.months);
        steps.push(`自${chineseDate(s.effectiveDate)}生效起${rule.promotion.months}个月，最后一日为${chineseDate(promotion)}。`);
        break;
      case 'afterRestoration': {
        const probation = s.probationMonths ?? 12;
        const restored = s.restorationDate ?? addMonths(s.effectiveDate, probation);
        promotion = periodLastDay(restored, rule.promotion.months);
        steps.push(
          s.restorationDate
            ? `察看期${probation}个月，${chineseDate(restored)}恢复党员权利；其后${rule.promotion.months}个月，最后一日为${chineseDate(promotion)}。`
            : `察看期${probation}个月，尚未登记恢复党员权利日期，按察看期满（${chineseDate(restored)}）推算；其后${rule.promotion.months}个月，最后一日为${chineseDate(promotion)}。`,
        );
        break;
      }
      case 'permanent':
        promotion = 'permanent';
        steps.push('长期不得提拔使用。');
        break;
    }

    if (s.category === 'party' && rules.partyRemainderAdds && typeof promotion === 'string' && promotion !== 'permanent' && partyEnd && partyEnd !== 'permanent' && compareDates(s.effectiveDate, partyEnd) <= 0) {
      const remainder = toDayNumber(partyEnd) - toDayNumber(s.effectiveDate) + 1;
      promotion = addDays(promotion, remainder);
      steps.push(`生效时前一党纪处分的影响期（至${chineseDate(partyEnd)}）尚余${remainder}天，与本次影响期相加，最后一日顺延为${chineseDate(promotion)}。`);
    }
    if (s.category === 'government' && rule.promotion.kind === 'months' && typeof promotion === 'string' && promotion !== 'permanent') {
      if (govChain && compareDates(s.effectiveDate, govChain.end) <= 0) {
        const consecutive = periodLastDay(addDays(govChain.end, 1), rule.promotion.months);
        const cap = periodLastDay(govChain.start, rules.governmentCapMonths);
        const combined = compareDates(consecutive, cap) > 0 ? cap : consecutive;
        steps.push(
          `生效时前一政务处分期（至${chineseDate(govChain.end)}）未满，合并执行：接续${rule.promotion.months}个月至${chineseDate(consecutive)}` +
            (combined === cap ? `，但合并后最长不超过${rules.governmentCapMonths}个月（自${chineseDate(govChain.start)}起），最后一日为${chineseDate(cap)}。` : '。'),
        );
        promotion = compareDates(combined, promotion) > 0 ? combined : promotion;
        govChain = { start: govChain.start, end: promotion };
      } else {
        govChain = { start: s.effectiveDate, end: promotion };
      }
    }

    let commendation: ImpactEnd;
    switch (rule.commendation.kind) {
      case 'samePeriod':
        commendation = promotion;
        steps.push(`评先评优：影响期内不得评先评优，至${describeEnd(commendation)}。`);
        break;
      case 'yearOfEffect':
        commendation = later(endOfYear(s.effectiveDate), null);
        steps.push(`评先评优：生效当年不得评先评优，至${describeEnd(commendation)}。`);
        break;
      case 'none':
        commendation = null;
        break;
      case 'permanent':
        commendation = 'permanent';
        break;
    }

    if (s.status === '已解除' && s.statusDate) {
      const lastDay = addDays(s.statusDate, -1);
      const clip = (end: ImpactEnd): ImpactEnd => (end && end !== 'permanent' && compareDates(end, lastDay) > 0 ? lastDay : end);
      if (clip(promotion) !== promotion || clip(commendation) !== commendation) {
        steps.push(`已于${chineseDate(s.statusDate)}解除，影响至解除前一日（${chineseDate(lastDay)}）。`);
      }
      promotion = clip(promotion);
      commendation = clip(commendation);
    }

    if (s.category === 'party') partyEnd = later(partyEnd, promotion);
    result.set(s.id, { promotionEnd: promotion, commendationEnd: commendation, steps, ruleVersion: rules.version });
  }
  return result;
}

/** True while `end` still bars on `date` (the last day itself is still barred). */
export function barsOn(end: ImpactEnd, date: IsoDate): boolean {
  return end === 'permanent' || (end !== null && compareDates(date, end) <= 0);
}
