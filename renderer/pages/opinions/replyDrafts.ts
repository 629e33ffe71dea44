/** Editing the items of a draft reply: the clerk's unsaved changes per item, and their checks. */
import { repliesUpdateItemInput, type Conclusion, type Purpose, type ReplyItem } from '../../../core/opinions/contract';
import { issuesToFields } from '../../lib/zodForm';

export interface ItemDraft {
  category: Conclusion;
  wording: string;
  overrideReason: string;
  remark: string;
  /** The clerk typed in 意见 (a category change then leaves the wording alone). */
  wordingEdited: boolean;
  errors: Record<string, string>;
}

export function draftOf(item: ReplyItem): ItemDraft {
  return {
    category: item.category,
    wording: item.wording,
    overrideReason: item.overrideReason ?? '',
    remark: item.remark ?? '',
    wordingEdited: false,
    errors: {},
  };
}

export function isDirty(item: ReplyItem, d: ItemDraft): boolean {
  return (
    d.category !== item.category ||
    d.wording !== item.wording ||
    d.overrideReason !== (item.overrideReason ?? '') ||
    d.remark !== (item.remark ?? '')
  );
}

const BARRED_PHRASE: Record<Purpose, string> = {
  提拔: '不宜提拔',
  进一步使用: '不宜进一步使用',
  职级晋升: '不宜晋升职级',
  评先评优: '不宜评先评优',
  换届提名: '不宜作为换届人选',
  后备: '不宜列为后备干部',
  其他: '不宜提拔',
};

/** Standard wording for a category (when the clerk changes the category and has not written their own). */
export function standardWording(category: Conclusion, purpose: Purpose, item: ReplyItem): string {
  if (category === item.category) return item.wording;
  switch (category) {
    case 'clear':
      return purpose === '评先评优' ? '暂未发现违反廉洁纪律问题。' : '未发现影响提拔使用的问题。';
    case 'pending':
      return '有反映问题正在核查，建议暂缓。';
    case 'barred':
      return `该同志处于处分（处理）影响期内，${BARRED_PHRASE[purpose]}。`;
    case 'other':
      return '';
  }
}

/** The input for opinionReplies.updateItem, or the messages per field. */
export function checkDraft(replyId: string, item: ReplyItem, d: ItemDraft) {
  const result = repliesUpdateItemInput.safeParse({
    replyId,
    itemId: item.id,
    rev: item.rev,
    category: d.category,
    wording: d.wording,
    overrideReason: d.overrideReason,
    remark: d.remark,
  });
  const errors: Record<string, string> = result.success ? {} : issuesToFields(result.error);
  if (d.category !== item.proposedCategory && !d.overrideReason.trim() && !errors.overrideReason) {
    errors.overrideReason = '改变系统建议的结论，须填写理由';
  }
  return Object.keys(errors).length || !result.success ? { ok: false as const, errors } : { ok: true as const, input: result.data };
}
