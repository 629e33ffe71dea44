/**
 * Issued documents (签发的复函, 印发的提醒函, a campaign's official 承诺书) as stored at the
 * moment they were issued: what the UI is told about the stored copy. Pure types: the
 * renderer imports this file.
 */

export const ISSUED_KINDS = ['opinionReply', 'reminderLetter', 'pledgeForm'] as const;
export type IssuedKind = (typeof ISSUED_KINDS)[number];

export interface IssuedDocumentInfo {
  /** SHA-256 (hex) of the stored document's canonical JSON. */
  sha256: string;
  createdAt: string;
  /** Display name of who issued it; null for a reconstructed copy. */
  createdBy: string | null;
  /** Built after the fact from the data as it was when version 4 was installed (not at 签发). */
  reconstructed: boolean;
  /** SHA-256 of the archival PDF, once the first PDF was made. */
  pdfSha256: string | null;
  pdfCreatedAt: string | null;
  /**
   * Where the records now say something else than the stored document (a person moved
   * units, the authority was renamed), in Chinese. Information only: the document stays.
   */
  differences: string[];
}
