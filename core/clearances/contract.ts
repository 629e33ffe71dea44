/** 澄清正名: clearing the name of a cadre found to have been falsely reported. */
import { z } from 'zod';
import { dateField } from '../shared/dateFields';
import { optionalText, recordId, revision } from '../shared/fields';

/** How the clearing was made known: at a meeting, in writing, or by a circular (通报). */
export const CLEARANCE_FORMS = ['会议', '书面', '通报'] as const;
export type ClearanceForm = (typeof CLEARANCE_FORMS)[number];

const fields = z.object({
  personId: recordId('人员'),
  /** The 信访举报/问题线索 found untrue that this clearing closes (may be absent for older records). */
  pendingMatterId: recordId('在查事项')
    .nullish()
    .transform((v) => v ?? null),
  clearDate: dateField('澄清日期'),
  form: z.enum(CLEARANCE_FORMS, { error: `澄清方式只能是：${CLEARANCE_FORMS.join('、')}` }),
  unitInformed: optionalText('澄清范围（告知单位）', 100),
  notes: optionalText('备注', 500),
});

export const clearancesCreateInput = fields;
export const clearancesUpdateInput = z.object({ id: recordId('澄清正名记录'), rev: revision, ...fields.shape });
export const clearancesListInput = z.object({ personId: recordId('人员') });
export const clearancesDeleteInput = z.object({ id: recordId('澄清正名记录') });

/** A clearing's own fields, as stored (the schema's output). */
export type ClearanceValues = z.output<typeof fields>;
/** Every stored field: rows are read and written through this list (core/shared/rows.ts). */
export const CLEARANCE_FIELDS = Object.keys(fields.shape) as (keyof ClearanceValues)[];

export const clearanceRecord = fields.extend({
  id: z.string(),
  rev: z.number(),
  /** What the matter was, for display ("信访举报 2025年3月1日受理"). */
  matterLabel: z.string().nullable(),
});
export type Clearance = z.output<typeof clearanceRecord>;
