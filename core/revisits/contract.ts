/** 暖心回访: a return visit to a sanctioned person, following up one sanction. */
import { z } from 'zod';
import { dateField } from '../shared/dateFields';
import { recordId, optionalText, requiredText, revision } from '../shared/fields';

const fields = z.object({
  personId: recordId('人员'),
  sanctionId: recordId('处分记录'),
  visitDate: dateField('回访日期'),
  visitors: requiredText('回访人', 60),
  notes: optionalText('回访情况', 1000),
});

export const revisitsCreateInput = fields;
export const revisitsUpdateInput = z.object({ id: recordId('回访记录'), rev: revision, ...fields.shape });
export const revisitsListInput = z.object({ personId: recordId('人员') });
export const revisitsDeleteInput = z.object({ id: recordId('回访记录') });
/** Sanctioned people not yet visited within the office's period (settings: revisitWithinMonths), as of a date. */
export const revisitsDueInput = z.object({ asOf: dateField('截止日期') });

/** A visit's own fields, as stored (the schema's output). */
export type RevisitValues = z.output<typeof fields>;
/** Every stored field: rows are read and written through this list (core/shared/rows.ts). */
export const REVISIT_FIELDS = Object.keys(fields.shape) as (keyof RevisitValues)[];

export const revisitRecord = fields.extend({
  id: z.string(),
  rev: z.number(),
  /** The sanction it follows up, for display ("党纪处分·警告（2025年1月2日生效）"). */
  sanctionLabel: z.string(),
});
export type Revisit = z.output<typeof revisitRecord>;

/** A sanction whose person has not been visited within the period. */
export interface RevisitDue {
  sanctionId: string;
  personId: string;
  personName: string;
  unitName: string | null;
  category: string;
  type: string;
  decisionDate: string;
  /** The last day a visit was due (decision date + the office's period). */
  dueBy: string;
}
