/** 回避: which accounts must not see a person record (issue 13 §3). */
import { z } from 'zod';
import { optionalText, recordId } from '../shared/fields';

export const recusalsGetInput = z.object({ personId: recordId('人员') }).strict();

export const recusalsSetInput = z
  .object({
    personId: recordId('人员'),
    /** Every account that must not see this person; the list replaces the one before. */
    userIds: z.array(recordId('账号'), { error: '回避账号应为列表' }).max(100, { error: '回避账号最多100个' }),
    /** Why, e.g. 近亲属 or 本人; shown to administrators only. */
    reason: optionalText('回避原因', 100),
  })
  .strict();

export interface PersonRecusal {
  userId: string;
  username: string;
  displayName: string;
  reason: string | null;
  /** When the account was named (ISO). */
  since: string;
}
