/**
 * The reply letter (复函) as stored when issued: everything printed on the paper, plus the
 * layout settings and template version it was laid out with. Later views, prints and PDFs
 * lay out the stored model, never the live tables; `replyLetterChanges` lists where the
 * live records now say something else.
 *
 * The model's shape is versioned (modelVersion): a later template needing other fields
 * adds a version and keeps reading the old ones. Stored in issued_documents (core/issuedDocuments).
 */
import type { OfficeSettings } from '../settings/contract';
import type { LetterSettings } from '../print/contract';
import { pushIf, type TextChange } from '../issuedDocuments/changes';
import type { ReplyDetail } from './contract';
import { replyLetterData, type LetterPerson, type ReplyLetterData } from './replyLetter';

export const REPLY_MODEL_VERSION = 1;

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
