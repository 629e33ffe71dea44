/**
 * FROZEN for migration 0005 (rule set 2026.1): a copy of core/sanctions/commendationReadings.ts as it was when 0005 was
 * released. Never edited, never imported by live code: later changes to core must not change
 * what an old migration does. 0005_rules_by_purpose.test.ts proves it equals the live code on a fixture.
 */
/**
 * 评先评优 — how this office reads the bar on commendation. Local rules differ, so it is
 * an office setting (设置 › 影响期规则), kept with each proposal that used it.
 *
 * - wholeImpactPeriod (default, the stricter and widely used local reading): no
 *   commendation during the whole impact period of any sanction or 处理 — every bar it sets.
 * - annualGrading: commendation follows the 年度考核 rules — barred while the grading bar
 *   runs (the year of effect for 警告, the 处分期 for 政务记过 and heavier, …).
 */
import { z } from 'zod';

export const COMMENDATION_READINGS = ['wholeImpactPeriod', 'annualGrading'] as const;
export type CommendationReading = (typeof COMMENDATION_READINGS)[number];

export const COMMENDATION_READING_LABELS: Record<CommendationReading, string> = {
  wholeImpactPeriod: '处分（处理）影响期内均不得评先评优（从严，默认）',
  annualGrading: '按年度考核等次规定：年度考核受影响的期间内不得评先评优',
};

/** How the reading is said in a step or a letter. */
export const COMMENDATION_READING_RULE: Record<CommendationReading, string> = {
  wholeImpactPeriod: '按本单位规定，影响期内不得评先评优',
  annualGrading: '按本单位规定，评先评优随年度考核等次的限制',
};

export const impactSettingsSchema = z.object({
  commendationReading: z.enum(COMMENDATION_READINGS, { error: '请选择评先评优的执行口径' }),
});
export type ImpactSettings = z.output<typeof impactSettingsSchema>;

export const DEFAULT_IMPACT_SETTINGS: ImpactSettings = { commendationReading: 'wholeImpactPeriod' };
