/**
 * What a reviewer approves (审核): everything the letter will say, except what 签发 adds
 * (number and 成文日期). Stored with the reply at 审核 as canonical JSON and its SHA-256;
 * 签发 carries the hash the signer saw, and any change to this content after 审核 sends
 * the reply back to 待审核 with the changes as the reason (replies.ts, returnStaleReviews).
 */
import type { Db } from '../../db/open';
import { contactChanges, describeAsChange, type TextChange } from '../issuedDocuments/changes';
import { replyLetterChanges } from './issuedModel';
import { readLetterSettings } from '../print/letterSettings';
import { replyLetterData, type ReplyLetterData } from './replyLetter';
import { readOfficeSettings } from '../settings/queries';
import { canonicalJson, sha256Hex } from '../shared/canonical';
import { CONCLUSION_LABELS, type Conclusion, type ReplyDetail } from './contract';

export interface ReviewContent {
  purpose: string;
  receivedDate: string;
  /** The letter's texts (number, 成文日期, watermark left out). */
  letter: Omit<ReplyLetterData, 'docNumber' | 'date' | 'issued' | 'watermark'>;
  /** The 附注 contact line printed under the date. */
  contact: { contactPerson: string | null; contactPhone: string | null };
  /** Each person's conclusion category (the wording is in `letter`). */
  conclusions: { name: string; category: Conclusion }[];
}

export function reviewContentOf(db: Db, detail: ReplyDetail): ReviewContent {
  const office = readOfficeSettings(db);
  const settings = readLetterSettings(db);
  const {
    docNumber: _n,
    date: _d,
    issued: _i,
    watermark: _w,
    ...letter
  } = replyLetterData(detail, office ?? { authorityName: '', docPrefixes: { opinionReply: '', reminderLetter: '' } }, detail.replyDate);
  return {
    purpose: detail.request.purpose,
    receivedDate: detail.request.receivedDate,
    letter,
    contact: { contactPerson: settings.contactPerson, contactPhone: settings.contactPhone },
    conclusions: detail.items.map((i) => ({ name: i.person.name, category: i.category })),
  };
}

export const reviewHash = (content: ReviewContent) => sha256Hex(canonicalJson(content));

/** The changes between what was reviewed and what the letter would say now, in Chinese. */
export function reviewChanges(before: ReviewContent, after: ReviewContent): string[] {
  const out: TextChange[] = [];
  if (before.purpose !== after.purpose) out.push({ what: '来函用途', before: before.purpose, after: after.purpose });
  if (before.receivedDate !== after.receivedDate) out.push({ what: '收文日期', before: before.receivedDate, after: after.receivedDate });
  const asLetter = (c: ReviewContent): ReplyLetterData => ({ ...c.letter, docNumber: '', date: '', issued: false, watermark: null });
  out.push(...replyLetterChanges(asLetter(before), asLetter(after)));
  out.push(...contactChanges(before.contact, after.contact));
  if (before.conclusions.length === after.conclusions.length) {
    before.conclusions.forEach((c, i) => {
      const a = after.conclusions[i]!;
      if (c.category !== a.category)
        out.push({ what: `${a.name}的结论`, before: CONCLUSION_LABELS[c.category], after: CONCLUSION_LABELS[a.category] });
    });
  }
  const lines = out.map(describeAsChange);
  return lines.length ? lines : ['复函内容有变化'];
}
