/**
 * What differs between two versions of a document's text, said in Chinese: the areas'
 * stored models (core/opinions/issuedModel.ts, core/reminders/issuedModel.ts) list their
 * letter's changes with `pushIf`; the contact line is every letter's.
 */
import type { LetterSettings } from '../print/contract';

export interface TextChange {
  /** What changed, in Chinese ("发文机关名称", "张三的单位职务"). */
  what: string;
  before: string;
  after: string;
}

const show = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '（空）' : v);

export function pushIf(out: TextChange[], what: string, before: string | null | undefined, after: string | null | undefined) {
  if ((before ?? '') !== (after ?? '')) out.push({ what, before: show(before), after: show(after) });
}

export function contactChanges(
  before: Pick<LetterSettings, 'contactPerson' | 'contactPhone'>,
  after: Pick<LetterSettings, 'contactPerson' | 'contactPhone'>,
): TextChange[] {
  const out: TextChange[] = [];
  pushIf(out, '联系人', before.contactPerson, after.contactPerson);
  pushIf(out, '联系电话', before.contactPhone, after.contactPhone);
  return out;
}

/** "张三的单位职务：存档为“市财政局科长”，现为“市教育局副局长”" — for info notes on issued documents. */
export function describeAsDifference(c: TextChange): string {
  return `${c.what}：存档公文为“${c.before}”，现有记录为“${c.after}”`;
}

/** "来函用途由“提拔”改为“评先评优”" — for reasons a review no longer holds. */
export function describeAsChange(c: TextChange): string {
  return `${c.what}由“${c.before}”改为“${c.after}”`;
}
