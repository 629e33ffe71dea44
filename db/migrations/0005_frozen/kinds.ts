/**
 * FROZEN for migration 0005 (rule set 2026.1): a copy of core/sanctions/kinds.ts as it was when 0005 was
 * released. Never edited, never imported by live code: later changes to core must not change
 * what an old migration does. 0005_rules_by_purpose.test.ts proves it equals the live code on a fixture.
 */
/** 处分/处理 categories and the types within each. Pure data, shared with the renderer. */

export const SANCTION_CATEGORIES = ['party', 'government', 'organizational', 'admonition'] as const;
export type SanctionCategory = (typeof SANCTION_CATEGORIES)[number];

export const CATEGORY_LABELS: Record<SanctionCategory, string> = {
  party: '党纪处分',
  government: '政务处分',
  organizational: '组织处理',
  admonition: '诫勉',
};

export const SANCTION_TYPES: Record<SanctionCategory, readonly string[]> = {
  party: ['警告', '严重警告', '撤销党内职务', '留党察看', '开除党籍'],
  government: ['警告', '记过', '记大过', '降级', '撤职', '开除'],
  organizational: ['停职检查', '调整职务', '责令辞职', '免职', '降职'],
  admonition: ['诫勉'],
};

/** 有效 in force, 已解除 lifted (its impact ends the day before it was lifted), 已撤销 revoked (no impact at all). */
export const SANCTION_STATUSES = ['有效', '已解除', '已撤销'] as const;
export type SanctionStatus = (typeof SANCTION_STATUSES)[number];

/** 留党察看 probation: one or two years. */
export const PROBATION_MONTHS = [12, 24] as const;
