import { z } from 'zod';
import { optionalDateField, dateField } from '../shared/dateFields';
import { optionalText, recordId, requiredText, revision } from '../shared/fields';
import type { CommendationReading } from './commendationReadings';
import type { ComputedBar, ComputedMeasure, ImpactEnd } from './impactPeriod';
import { CATEGORY_LABELS, PROBATION_MONTHS, SANCTION_CATEGORIES, SANCTION_STATUSES, SANCTION_TYPES } from './kinds';

/** 处分 fields as the clerk enters them (the rules between fields are below). */
const sanctionFieldShape = {
  personId: recordId('人员'),
  category: z.enum(SANCTION_CATEGORIES, { error: `处分类别只能是：${Object.values(CATEGORY_LABELS).join('、')}` }),
  type: requiredText('处分种类', 20),
  decisionAuthority: requiredText('决定机关', 60),
  decisionNumber: optionalText('决定文号', 60),
  decisionDate: dateField('决定日期'),
  effectiveDate: dateField('生效日期'),
  probationMonths: z
    .union([z.literal(PROBATION_MONTHS[0]), z.literal(PROBATION_MONTHS[1])], { error: '留党察看期只能是12个月或24个月' })
    .nullish()
    .transform((v) => v ?? null),
  restorationDate: optionalDateField('恢复党员权利日期'),
  status: z.enum(SANCTION_STATUSES, { error: '状态只能是：有效、已解除、已撤销' }).default('有效'),
  statusDate: optionalDateField('解除或撤销日期'),
  summary: optionalText('主要事实', 1000),
};

const sanctionFields = z.object(sanctionFieldShape).superRefine((v, ctx) => {
  if (!SANCTION_TYPES[v.category].includes(v.type)) {
    ctx.addIssue({
      code: 'custom',
      path: ['type'],
      message: `${CATEGORY_LABELS[v.category]}的种类只能是：${SANCTION_TYPES[v.category].join('、')}`,
    });
  }
  if (v.effectiveDate < v.decisionDate) ctx.addIssue({ code: 'custom', path: ['effectiveDate'], message: '生效日期不能早于决定日期' });
  const probation = v.category === 'party' && v.type === '留党察看';
  if (probation && v.probationMonths === null)
    ctx.addIssue({ code: 'custom', path: ['probationMonths'], message: '留党察看须填写察看期（12个月或24个月）' });
  if (!probation && v.probationMonths !== null)
    ctx.addIssue({ code: 'custom', path: ['probationMonths'], message: '只有留党察看才填写察看期' });
  if (!probation && v.restorationDate)
    ctx.addIssue({ code: 'custom', path: ['restorationDate'], message: '只有留党察看才填写恢复党员权利日期' });
  if (v.restorationDate && v.restorationDate <= v.effectiveDate) {
    ctx.addIssue({ code: 'custom', path: ['restorationDate'], message: '恢复党员权利日期应晚于处分生效日期' });
  }
  if (v.status !== '有效' && !v.statusDate)
    ctx.addIssue({
      code: 'custom',
      path: ['statusDate'],
      message: `状态为${v.status}时须填写${v.status === '已解除' ? '解除' : '撤销'}日期`,
    });
  if (v.status === '有效' && v.statusDate)
    ctx.addIssue({ code: 'custom', path: ['statusDate'], message: '状态为有效时不填写解除或撤销日期' });
  if (v.statusDate && v.statusDate < v.effectiveDate)
    ctx.addIssue({ code: 'custom', path: ['statusDate'], message: '解除或撤销日期不能早于生效日期' });
});

export const sanctionsCreateInput = sanctionFields;
/** A sanction's own fields, as stored (the schema's output). */
export type SanctionValues = z.output<typeof sanctionFields>;
/** Every stored field: rows are read and written through this list (core/shared/rows.ts). */
export const SANCTION_FIELDS = Object.keys(sanctionFieldShape) as (keyof SanctionValues)[];
export const sanctionsUpdateInput = z.intersection(z.object({ id: recordId('处分记录'), rev: revision }), sanctionFields);
export const sanctionsListInput = z.object({ personId: recordId('人员') });
export const sanctionsDeleteInput = z.object({ id: recordId('处分记录') });

/** The end a clerk sets instead of the computed one: a date or 'permanent', always with a reason. */
const overrideEnd = z.union([z.literal('permanent'), dateField('影响期截止日')], { error: '请填写影响期截止日期' }).nullable();
export const sanctionsOverrideInput = z
  .object({
    id: recordId('处分记录'),
    rev: revision,
    /** Which end: 提拔/进一步使用, or 评先评优. */
    which: z.enum(['promotion', 'commendation'], { error: '请选择要调整的影响期' }),
    /** null clears the override (back to the computed end). */
    end: overrideEnd,
    reason: optionalText('调整理由', 500),
  })
  .refine((v) => v.end === null || !!v.reason, { error: '调整影响期须填写理由', path: ['reason'] });

/** A sanction as stored: its fields, and the impact ends computed from them (or set by a clerk). */
export type Sanction = { id: string; rev: number } & SanctionValues & SanctionImpact;

/** What the impact rules make of a sanction (core/sanctions/impactPeriod.ts), and the clerk's overrides. */
export interface SanctionImpact {
  computed: {
    promotionEnd: ImpactEnd;
    commendationEnd: ImpactEnd;
    steps: string[];
    /** The rule-set version that computed these ends (设置 › 影响期规则). */
    ruleVersion: string | null;
    /** Every bar the record sets, each with its own last day and source. */
    bars: ComputedBar[];
    /** 停职检查: a measure, not a period. */
    measure: ComputedMeasure | null;
    /** The 评先评优 reading the commendation end was computed with. */
    commendationReading: CommendationReading | null;
    /** Earlier computed ends, with the version that computed them (newest last). */
    history: ImpactHistoryEntry[];
  };
  override: {
    promotionEnd: ImpactEnd;
    promotionReason: string | null;
    commendationEnd: ImpactEnd;
    commendationReason: string | null;
  };
  /** What counts: the override where set, else the computed end. */
  promotionEnd: ImpactEnd;
  commendationEnd: ImpactEnd;
}

/** A change of a record's computed ends: the old values and the version that computed them. */
export interface ImpactHistoryEntry {
  changedAt: string;
  /** edit: the person's records changed; ruleSet: a new rule-set version; setting: the 评先评优 setting changed. */
  cause: 'edit' | 'ruleSet' | 'setting';
  old: { promotionEnd: ImpactEnd; commendationEnd: ImpactEnd; ruleVersion: string | null };
  new: { promotionEnd: ImpactEnd; commendationEnd: ImpactEnd; ruleVersion: string };
}
