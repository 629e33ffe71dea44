/**
 * The reply's workflow (承办 → 审核 → 签发, then 更正 or 作废) as one table: which button
 * shows in which state for which right, what it asks first, which channel it calls and
 * what it says when done. WorkflowBar.tsx draws it; the rules here are unit-tested
 * (renderer/test/replyWorkflow.test.ts).
 */
import type { Channel } from '../../../core/api';
import type { ReplyDetail, ReplyItem, ReplyStatus } from '../../../core/opinions/contract';
import { call } from '../../api/client';
import type { ItemDraft } from './replyDrafts';
import { isDirty } from './replyDrafts';
import { today } from './labels';

/** What a button's state depends on besides the reply: how many people have unsaved changes. */
export interface WorkflowState {
  reply: ReplyDetail;
  unsaved: number;
}

export interface WorkflowAction {
  /** Its name in "…未完成" and the key of its busy state. */
  name: string;
  label: string;
  /** The channel whose right the account needs (and which the action calls). */
  channel: Channel;
  /** The reply states it is offered in. */
  when: readonly ReplyStatus[];
  /** Before the print buttons ('flow') or after them ('correct'). */
  group: 'flow' | 'correct';
  type?: 'primary';
  danger?: boolean;
  /** Why it cannot be done now (shown as its tooltip, the button disabled). */
  blocked?: (s: WorkflowState) => string | null;
  /** A tooltip when it is not blocked. */
  hint?: string;
  /** Asked first; `content: 'issueDates'` shows both dates the letter will carry. */
  confirm?: { title: string; content: string | 'issueDates'; okText: string };
  /** The call; null for 作废, which opens its own dialog (a reason is required). */
  run: ((reply: ReplyDetail) => Promise<ReplyDetail>) | null;
  done?: string;
  /** After success: 'docNumber' says the new number, 'openNew' opens the correcting reply. */
  then?: 'docNumber' | 'openNew';
}

/** Why 审核 cannot be done yet, or null. */
export function reviewBlock({ reply, unsaved }: WorkflowState): string | null {
  if (reply.missingSections.length > 0) return `以下科室尚未登记核查：${reply.missingSections.join('、')}`;
  if (unsaved) return `还有${unsaved}人的修改未保存`;
  return null;
}

/** The table, in the order the buttons stand. */
export const WORKFLOW_ACTIONS: readonly WorkflowAction[] = [
  {
    name: '重新核查',
    label: '重新核查',
    channel: 'opinionReplies.reassess',
    when: ['draft'],
    group: 'flow',
    blocked: ({ unsaved }) => (unsaved ? `还有${unsaved}人的修改未保存` : null),
    hint: '登记了新的处分或在查事项后，重新核查',
    confirm: {
      title: '重新核查全部人员？',
      content:
        '以今天为回复日期，按人员库、处分台账和在查事项的最新登记重新核查并生成建议；已改变结论（填写了理由）的人员保留您的意见，其余人员的意见按新建议更新。',
      okText: '重新核查',
    },
    run: (r) => call('opinionReplies.reassess', { id: r.id, rev: r.rev, replyDate: today() }),
    done: '已重新核查',
  },
  {
    name: '审核',
    label: '审核通过',
    channel: 'opinionReplies.review',
    when: ['draft'],
    group: 'flow',
    type: 'primary',
    blocked: reviewBlock,
    run: (r) => call('opinionReplies.review', { id: r.id, rev: r.rev, contentHash: r.contentHash }),
    done: '已审核通过',
  },
  {
    name: '退回',
    label: '退回承办',
    channel: 'opinionReplies.returnToDraft',
    when: ['reviewed'],
    group: 'flow',
    confirm: {
      title: '退回承办？',
      content: '退回后回复回到“承办中”，承办人可以继续修改，修改后需重新审核。',
      okText: '退回承办',
    },
    run: (r) => call('opinionReplies.returnToDraft', { id: r.id, rev: r.rev }),
    done: '已退回承办',
  },
  {
    name: '签发',
    label: '签发',
    channel: 'opinionReplies.issue',
    when: ['reviewed'],
    group: 'flow',
    type: 'primary',
    danger: true,
    confirm: { title: '签发这份回复？', content: 'issueDates', okText: '签发' },
    // The hash of the content this page showed: the host refuses if the reviewed content changed since.
    run: (r) => call('opinionReplies.issue', { id: r.id, rev: r.rev, reviewedHash: r.reviewedHash ?? '' }),
    done: '已签发',
    then: 'docNumber',
  },
  {
    name: '更正',
    label: '更正回复',
    channel: 'opinionReplies.supersede',
    when: ['issued'],
    group: 'correct',
    confirm: {
      title: '更正这份回复？',
      content: '将新建一份更正回复（承办中），以今天为回复日期重新核查全部人员；原回复保持不变，更正回复签发后另编文号。',
      okText: '新建更正回复',
    },
    run: (r) => call('opinionReplies.supersede', { id: r.id, replyDate: today() }),
    done: '已新建更正回复',
    then: 'openNew',
  },
  {
    name: '作废',
    label: '作废',
    channel: 'opinionReplies.void',
    when: ['draft', 'reviewed', 'issued'],
    group: 'correct',
    danger: true,
    run: null,
  },
];

/** The actions an account sees on a reply in its state. */
export function offeredActions(actions: readonly WorkflowAction[], status: ReplyStatus, can: (c: Channel) => boolean): WorkflowAction[] {
  return actions.filter((a) => a.when.includes(status) && can(a.channel));
}

/** The ids of the items whose draft differs from what is saved. */
export function unsavedIds(items: readonly ReplyItem[], drafts: Record<string, ItemDraft>): string[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  return Object.keys(drafts).filter((id) => {
    const item = byId.get(id);
    return item !== undefined && isDirty(item, drafts[id]!);
  });
}

/** The 逐人意见 filter: all, one conclusion, or the people whose conclusion differs from the system's. */
export type ItemFilter = 'all' | ReplyItem['category'] | 'changed';

export function filterItems(items: readonly ReplyItem[], filter: ItemFilter): ReplyItem[] {
  return items.filter((i) => (filter === 'all' ? true : filter === 'changed' ? i.category !== i.proposedCategory : i.category === filter));
}
