/**
 * FROZEN for migration 0005 (rule set 2026.1): a copy of core/sanctions/impactPeriod.ts as it was when 0005 was
 * released. Never edited, never imported by live code: later changes to core must not change
 * what an old migration does. 0005_rules_by_purpose.test.ts proves it equals the live code on a fixture.
 */
/**
 * Computes, from a rule set, every bar a sanction sets (提拔/进一步使用, 领导职务, 原职级,
 * 年度考核, 重新入党 …), each with its own last day, and the two ends the registers keep:
 * promotionEnd (the latest career bar) and commendationEnd (评先评优, per the office's
 * reading). Each bar's explanation ends with the last day actually used.
 *
 * Records of one person are computed together because of the combination rules: a new
 * party sanction inside a running party impact period, and a new 政务 sanction inside a
 * running 处分期, take the unserved remainder plus their own period — counted the calendar
 * way (whole months by corresponding date, then leftover days); 政务 capped at 48 months.
 * Party and 政务 records are never combined with each other: both are shown, and the
 * assessment takes the stricter.
 */
import { addDays, chineseDate, compareDates, parseDate, type IsoDate } from './dates';
import { COMMENDATION_READING_RULE, DEFAULT_IMPACT_SETTINGS, type CommendationReading } from './commendationReadings';
import { IMPACT_RULES_2026, findRule, type BarPurpose, type BarRule, type CombinationRule, type ImpactRuleSet } from './impactRules';
import { CATEGORY_LABELS, type SanctionCategory, type SanctionStatus } from './kinds';
import { addMonths, extendedLastDay, periodLastDay, remainderSpan, spanWords } from './periodMath';

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

/** One bar as computed for one record. */
export interface ComputedBar {
  purpose: BarPurpose;
  text: string;
  restriction: string;
  end: ImpactEnd;
  source: string;
  practice: string | null;
}

/** 停职检查: in force from the effective date until lifted. */
export interface ComputedMeasure {
  text: string;
  source: string;
  practice: string | null;
  /** The last day it is in force, or null while it lasts. */
  lastDay: IsoDate | null;
}

export interface ComputedImpact {
  /** The latest career bar (提拔、进一步使用、职级晋升 …). */
  promotionEnd: ImpactEnd;
  /** 评先评优, per `commendationReading`. */
  commendationEnd: ImpactEnd;
  bars: ComputedBar[];
  measure: ComputedMeasure | null;
  /** How the ends were reached, one step per line; each bar's step ends with its last day. */
  steps: string[];
  ruleVersion: string;
  commendationReading: CommendationReading;
}

export const later = (a: ImpactEnd, b: ImpactEnd): ImpactEnd => {
  if (a === 'permanent' || b === 'permanent') return 'permanent';
  if (a === null) return b;
  if (b === null) return a;
  return compareDates(a, b) >= 0 ? a : b;
};

export function describeEnd(end: ImpactEnd): string {
  return end === null ? '无' : end === 'permanent' ? '长期' : chineseDate(end);
}

const endOfYearPlus = (date: IsoDate, years: number): IsoDate => `${parseDate(date).y + years - 1}-12-31`;

/** A running period of one family (party or 政务) that a later record may combine with. */
interface Running {
  end: IsoDate;
}

export function computeImpacts(
  records: readonly SanctionFacts[],
  rules: ImpactRuleSet = IMPACT_RULES_2026,
  reading: CommendationReading = DEFAULT_IMPACT_SETTINGS.commendationReading,
): Map<string, ComputedImpact> {
  const result = new Map<string, ComputedImpact>();
  const ordered = [...records].sort((a, b) => compareDates(a.effectiveDate, b.effectiveDate) || a.id.localeCompare(b.id));
  const running: Partial<Record<'party' | 'government', Running>> = {};
  const empty = (steps: string[]): ComputedImpact => ({
    promotionEnd: null,
    commendationEnd: null,
    bars: [],
    measure: null,
    steps,
    ruleVersion: rules.version,
    commendationReading: reading,
  });

  for (const s of ordered) {
    const label = `${CATEGORY_LABELS[s.category]}·${s.type}`;
    if (s.status === '已撤销') {
      result.set(s.id, empty([`${label}已撤销，不产生影响。`]));
      continue;
    }
    const rule = findRule(rules, s.category, s.type);
    if (!rule) {
      result.set(s.id, empty([`规则表（${rules.version}）中没有“${label}”，请人工确定影响期。`]));
      continue;
    }
    const liftedLastDay = s.status === '已解除' && s.statusDate ? addDays(s.statusDate, -1) : null;

    if (rule.measure) {
      const steps = [
        `${rule.measure.text}（依据：${rule.measure.source}${rule.measure.practice ? `；${rule.measure.practice}` : ''}）。`,
        liftedLastDay
          ? `已于${chineseDate(s.statusDate!)}解除，措施至${chineseDate(liftedLastDay)}。`
          : `自${chineseDate(s.effectiveDate)}起，解除前建议暂缓。`,
      ];
      result.set(s.id, {
        ...empty(steps),
        measure: { text: rule.measure.text, source: rule.measure.source, practice: rule.measure.practice ?? null, lastDay: liftedLastDay },
      });
      continue;
    }

    const family = s.category === 'party' || s.category === 'government' ? s.category : null;
    const earlier = family ? running[family] : undefined;
    const combination = family === 'party' ? rules.party : family === 'government' ? rules.government : null;
    const steps: string[] = [];
    const bars: ComputedBar[] = [];
    let careerEnd: ImpactEnd = null;

    const computeBar = (bar: BarRule): ComputedBar => {
      const how: string[] = [];
      let end: ImpactEnd;
      const p = bar.period;
      if (p.kind === 'permanent') {
        end = 'permanent';
        how.push(`自${chineseDate(s.effectiveDate)}起长期`);
      } else if (p.kind === 'calendarYears') {
        const years = p.years === 'probation' ? 1 + (s.probationMonths ?? 12) / 12 : p.years;
        end = endOfYearPlus(s.effectiveDate, years);
        how.push(
          years === 1 ? `${parseDate(s.effectiveDate).y}年（生效当年）` : `${parseDate(s.effectiveDate).y}年至${parseDate(end).y}年`,
        );
      } else if (bar.purpose === 'annualGrade' && s.category === 'government' && careerEnd && careerEnd !== 'permanent') {
        // 政务: the grading bar runs as long as the 处分期 — the combined one where periods were combined.
        end = careerEnd;
        how.push('同处分期');
      } else {
        let start = s.effectiveDate;
        if (p.kind === 'afterRestoration') {
          const probation = s.probationMonths ?? 12;
          start = s.restorationDate ?? addMonths(s.effectiveDate, probation);
          how.push(
            s.restorationDate
              ? `察看期${probation}个月，${chineseDate(start)}恢复党员权利，其后${p.months}个月`
              : `察看期${probation}个月，尚未登记恢复党员权利日期，按察看期满（${chineseDate(start)}）推算，其后${p.months}个月`,
          );
        } else {
          how.push(`自${chineseDate(s.effectiveDate)}生效起${p.months}个月`);
        }
        end = periodLastDay(start, p.months);
        if (bar.purpose === 'career' && earlier && combination && compareDates(s.effectiveDate, earlier.end) <= 0) {
          end = combine(s.effectiveDate, start, p.months, earlier.end, combination, how);
        }
      }
      if (liftedLastDay && end !== null && (end === 'permanent' || compareDates(end, liftedLastDay) > 0)) {
        how.push(`已于${chineseDate(s.statusDate!)}解除，影响至解除前一日`);
        end = liftedLastDay;
      }
      if (bar.purpose === 'career') careerEnd = later(careerEnd, end);
      steps.push(
        `${bar.text}（依据：${bar.source}${bar.practice ? `；单位惯例：${bar.practice}` : ''}）：${how.join('；')}，最后一日为${describeEnd(end)}。`,
      );
      return {
        purpose: bar.purpose,
        text: bar.text,
        restriction: bar.restriction,
        end,
        source: bar.source,
        practice: bar.practice ?? null,
      };
    };

    // Career bars first: the 政务 grading bar follows the (combined) 处分期.
    for (const bar of rule.bars.filter((b) => b.purpose === 'career')) bars.push(computeBar(bar));
    for (const bar of rule.bars.filter((b) => b.purpose !== 'career')) bars.push(computeBar(bar));

    const grading = bars.filter((b) => b.purpose === 'annualGrade').reduce<ImpactEnd>((acc, b) => later(acc, b.end), null);
    const whole = bars.filter((b) => b.purpose !== 'membership').reduce<ImpactEnd>((acc, b) => later(acc, b.end), null);
    // A permanent bar (政务开除: no longer a civil servant) bars commendation under either reading.
    const commendationEnd = reading === 'wholeImpactPeriod' ? whole : later(grading, careerEnd === 'permanent' ? 'permanent' : null);
    steps.push(
      commendationEnd === null
        ? `评先评优：${COMMENDATION_READING_RULE[reading]}，本项不影响评先评优。`
        : `评先评优：${COMMENDATION_READING_RULE[reading]}，最后一日为${describeEnd(commendationEnd)}。`,
    );

    if (family && careerEnd && careerEnd !== 'permanent') {
      const prev = running[family];
      running[family] = { end: prev && compareDates(prev.end, careerEnd) > 0 ? prev.end : careerEnd };
    }
    result.set(s.id, {
      promotionEnd: careerEnd,
      commendationEnd,
      bars,
      measure: null,
      steps,
      ruleVersion: rules.version,
      commendationReading: reading,
    });
  }
  return result;
}

/**
 * Remainder of the earlier period (from the new effective date to its last day) plus the
 * new period, counted the calendar way; capped where the rule says so (counted from the
 * new decision's effective date, never shorter than the new period itself).
 */
function combine(effective: IsoDate, start: IsoDate, months: number, earlierEnd: IsoDate, rule: CombinationRule, how: string[]): IsoDate {
  const remainder = remainderSpan(effective, earlierEnd);
  let end = extendedLastDay(start, months, remainder);
  how.push(
    `生效时前一处分的影响期（至${chineseDate(earlierEnd)}）尚未执行${spanWords(remainder)}，与本次${months}个月相加（${rule.source}）`,
  );
  if (rule.capMonths !== null) {
    const cap = periodLastDay(effective, rule.capMonths);
    if (compareDates(end, cap) > 0) {
      end = cap;
      how.push(`合并后最长不超过${rule.capMonths}个月（自${chineseDate(effective)}起）`);
    }
  }
  return end;
}

/** True while `end` still bars on `date` (the last day itself is still barred). */
export function barsOn(end: ImpactEnd, date: IsoDate): boolean {
  return end === 'permanent' || (end !== null && compareDates(date, end) <= 0);
}

/** True while a measure (停职检查) is in force on `date`. */
export function measureInForceOn(effectiveDate: IsoDate, measure: ComputedMeasure, date: IsoDate): boolean {
  return compareDates(effectiveDate, date) <= 0 && (measure.lastDay === null || compareDates(date, measure.lastDay) <= 0);
}
