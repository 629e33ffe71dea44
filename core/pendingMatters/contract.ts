import { z } from 'zod';
import { dateField, optionalDateField } from '../shared/dateFields';
import { optionalText, recordId, revision } from '../shared/fields';

/** 在查事项 kinds: 信访举报, 问题线索, 立案审查调查. */
export const PENDING_KINDS = ['petition', 'lead', 'case'] as const;
export type PendingKind = (typeof PENDING_KINDS)[number];
export const PENDING_KIND_LABELS: Record<PendingKind, string> = { petition: '信访举报', lead: '问题线索', case: '立案审查调查' };
export const PENDING_STATUSES = ['在办', '已办结'] as const;

/** 在查事项 fields as the clerk enters them (the rules between fields are below). */
const pendingFieldShape = {
  personId: recordId('人员'),
  kind: z.enum(PENDING_KINDS, { error: '事项类别只能是：信访举报、问题线索、立案审查调查' }),
  source: optionalText('来源', 60),
  receivedDate: dateField('受理日期'),
  summary: optionalText('反映的主要问题', 1000),
  status: z.enum(PENDING_STATUSES, { error: '状态只能是：在办、已办结' }).default('在办'),
  closedDate: optionalDateField('办结日期'),
  closingResult: optionalText('办结结果', 500),
};

const fields = z.object(pendingFieldShape).superRefine((v, ctx) => {
  if (v.status === '已办结' && !v.closedDate) ctx.addIssue({ code: 'custom', path: ['closedDate'], message: '已办结的事项须填写办结日期' });
  if (v.status === '已办结' && !v.closingResult)
    ctx.addIssue({ code: 'custom', path: ['closingResult'], message: '已办结的事项须填写办结结果' });
  if (v.status === '在办' && v.closedDate) ctx.addIssue({ code: 'custom', path: ['closedDate'], message: '在办事项不填写办结日期' });
  if (v.closedDate && v.closedDate < v.receivedDate)
    ctx.addIssue({ code: 'custom', path: ['closedDate'], message: '办结日期不能早于受理日期' });
});

export const pendingCreateInput = fields;
/** A matter's own fields, as stored (the schema's output). */
export type PendingValues = z.output<typeof fields>;
/** Every stored field: rows are read and written through this list (core/shared/rows.ts). */
export const PENDING_FIELDS = Object.keys(pendingFieldShape) as (keyof PendingValues)[];
export const pendingUpdateInput = z.intersection(z.object({ id: recordId('在查事项'), rev: revision }), fields);
export const pendingListInput = z.object({ personId: recordId('人员') });
export const pendingDeleteInput = z.object({ id: recordId('在查事项') });

/** One step of a matter's history: received (在办), closed (已办结), reopened (在办). */
export interface PendingEvent {
  date: string;
  kind: 'received' | 'closed' | 'reopened';
  status: (typeof PENDING_STATUSES)[number];
  note: string | null;
}
export const PENDING_EVENT_LABELS: Record<PendingEvent['kind'], string> = { received: '受理', closed: '办结', reopened: '重新办理' };

export type PendingMatter = { id: string; rev: number } & PendingValues & {
    /** Received, status changes and closing, oldest first (the state on any date is read from it). */
    history: PendingEvent[];
  };
