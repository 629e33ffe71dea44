/**
 * The document models stored when a document is issued (issued_documents): everything
 * printed on the paper, plus the layout settings and template version it was laid out
 * with. Later views, prints and PDFs lay out the stored model, never the live tables;
 * where the live records now say something else, `*Differences` lists it for the UI.
 *
 * A model's shape is versioned (modelVersion). A later change to a template that needs
 * more or other fields adds a new version and keeps reading the old ones.
 */
import type { ReplyDetail } from '../opinions/contract';
import type { CampaignDetail } from '../pledges/contract';
import type { ReminderDetail } from '../reminders/contract';
import type { OfficeSettings } from '../settings/contract';
import type { LetterSettings } from '../print/contract';
import { pledgeFormTitle } from '../pledges/pledgeForm';
import { reminderLetterData, type ReminderLetterData } from '../reminders/reminderLetter';
import { replyLetterData, type LetterPerson, type ReplyLetterData } from '../opinions/replyLetter';

export const REPLY_MODEL_VERSION = 1;
export const REMINDER_MODEL_VERSION = 1;
export const PLEDGE_FORM_MODEL_VERSION = 1;

export interface ReplyDocumentModel {
  kind: 'opinionReply';
  modelVersion: number;
  template: 'replyLetter';
  /** 用途 the opinions were given for (not printed; kept with the letter). */
  purpose: string;
  /** The impact-period rule set in force at 签发; null when unknown (reconstructed copies). */
  ruleSetVersion: string | null;
  letter: ReplyLetterData;
  settings: LetterSettings;
}

export interface ReminderDocumentModel {
  kind: 'reminderLetter';
  modelVersion: number;
  template: 'reminderLetter';
  letter: ReminderLetterData;
  settings: LetterSettings;
}

/** A campaign's official 承诺书: the text every pre-filled form carries (persons are filled in per print). */
export interface PledgeFormModel {
  kind: 'pledgeForm';
  modelVersion: number;
  template: 'pledgeForm';
  title: string;
  text: string;
  cosigner: string | null;
}

export function replyDocumentModel(
  detail: ReplyDetail,
  office: OfficeSettings,
  settings: LetterSettings,
  today: string,
  ruleSetVersion: string | null,
): ReplyDocumentModel {
  return {
    kind: 'opinionReply',
    modelVersion: REPLY_MODEL_VERSION,
    template: 'replyLetter',
    purpose: detail.request.purpose,
    ruleSetVersion,
    letter: replyLetterData(detail, office, today),
    settings,
  };
}

/** The stored letter as printed now: only the 作废 mark follows the record's state. */
export function storedReplyLetter(model: ReplyDocumentModel, voided: boolean): ReplyLetterData {
  return { ...model.letter, watermark: voided ? '已作废' : model.letter.watermark };
}

export function reminderDocumentModel(d: ReminderDetail, office: OfficeSettings, settings: LetterSettings): ReminderDocumentModel {
  return {
    kind: 'reminderLetter',
    modelVersion: REMINDER_MODEL_VERSION,
    template: 'reminderLetter',
    letter: reminderLetterData(d, office),
    settings,
  };
}

export function storedReminderLetter(model: ReminderDocumentModel, voided: boolean): ReminderLetterData {
  return { ...model.letter, watermark: voided ? '已作废' : model.letter.watermark };
}

export function pledgeFormModel(c: CampaignDetail): PledgeFormModel {
  return {
    kind: 'pledgeForm',
    modelVersion: PLEDGE_FORM_MODEL_VERSION,
    template: 'pledgeForm',
    title: pledgeFormTitle(c.pledgeType),
    text: c.templateText,
    cosigner: c.needsCosigner ? (c.cosignerLabel ?? '家属') : null,
  };
}

// ---------------------------------------------------------------------------------
// What differs between two versions of a letter's text

export interface TextChange {
  /** What changed, in Chinese ("发文机关名称", "张三的单位职务"). */
  what: string;
  before: string;
  after: string;
}

const show = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '（空）' : v);

function pushIf(out: TextChange[], what: string, before: string | null | undefined, after: string | null | undefined) {
  if ((before ?? '') !== (after ?? '')) out.push({ what, before: show(before), after: show(after) });
}

function personChanges(out: TextChange[], before: LetterPerson[], after: LetterPerson[]) {
  if (before.length !== after.length) {
    pushIf(out, '人员名单', before.map((p) => p.name).join('、'), after.map((p) => p.name).join('、'));
    return;
  }
  before.forEach((p, i) => {
    const q = after[i]!;
    const who = p.name === q.name ? p.name : q.name;
    pushIf(out, `第${i + 1}人的姓名`, p.name, q.name);
    pushIf(out, `${who}的单位职务`, p.unitPosition, q.unitPosition);
    pushIf(out, `${who}的意见`, p.wording, q.wording);
    pushIf(out, `${who}的备注`, p.remark, q.remark);
  });
}

/** Every text of a reply letter that differs (number, 成文日期 and marks aside: they are the issue's, not the content's). */
export function replyLetterChanges(before: ReplyLetterData, after: ReplyLetterData): TextChange[] {
  const out: TextChange[] = [];
  pushIf(out, '发文机关名称', before.authorityName, after.authorityName);
  pushIf(out, '来函单位', before.requester, after.requester);
  pushIf(out, '来函标题', before.requestTitle, after.requestTitle);
  pushIf(out, '来函文号', before.requesterDocNumber, after.requesterDocNumber);
  pushIf(out, '核查截至日期', before.asOf, after.asOf);
  pushIf(out, '所更正的复函', before.supersedesDocNumber, after.supersedesDocNumber);
  personChanges(out, before.persons, after.persons);
  return out;
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

export function reminderLetterChanges(before: ReminderLetterData, after: ReminderLetterData): TextChange[] {
  const out: TextChange[] = [];
  pushIf(out, '发文机关名称', before.authorityName, after.authorityName);
  pushIf(out, '标题', before.title, after.title);
  pushIf(out, '主送', before.addressees.join('、'), after.addressees.join('、'));
  pushIf(out, '正文', before.paragraphs.join('\n'), after.paragraphs.join('\n'));
  pushIf(out, '附件', before.attachments.join('、'), after.attachments.join('、'));
  pushIf(out, '抄送', before.copyTo, after.copyTo);
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
