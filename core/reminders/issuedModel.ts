/**
 * The 提醒函 as stored when issued: the letter's text and the layout settings it was laid
 * out with. Later prints lay out the stored model; `reminderLetterChanges` lists where the
 * live records now say something else.
 *
 * The model's shape is versioned (modelVersion): a later template needing other fields
 * adds a version and keeps reading the old ones. Stored in issued_documents (core/issuedDocuments).
 */
import type { OfficeSettings } from '../settings/contract';
import type { LetterSettings } from '../print/contract';
import { pushIf, type TextChange } from '../issuedDocuments/changes';
import type { ReminderDetail } from './contract';
import { reminderLetterData, type ReminderLetterData } from './reminderLetter';

export const REMINDER_MODEL_VERSION = 1;

export interface ReminderDocumentModel {
  kind: 'reminderLetter';
  modelVersion: number;
  template: 'reminderLetter';
  letter: ReminderLetterData;
  settings: LetterSettings;
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
