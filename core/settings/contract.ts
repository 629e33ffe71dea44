import { z } from 'zod';
import { requiredText } from '../shared/fields';

/**
 * 机关代字: the part of a document number before 〔year〕, e.g. "×纪廉复".
 * Brackets and the year belong to the number's format, not to the prefix.
 */
export const docPrefix = (label: string) =>
  requiredText(label, 20).refine((v) => !/[〔〕[\]【】()（）]/.test(v), {
    error: `${label}只填代字（如“×纪廉复”），不要带括号或年份`,
  });

export const DOC_KINDS = ['opinionReply', 'reminderLetter'] as const;
export type DocKind = (typeof DOC_KINDS)[number];
export const DOC_KIND_LABELS: Record<DocKind, string> = {
  opinionReply: '廉政意见回复',
  reminderLetter: '廉洁提醒函',
};

export const docPrefixesSchema = z.object({
  opinionReply: docPrefix('廉政意见回复代字'),
  reminderLetter: docPrefix('廉洁提醒函代字'),
});

export const officeSettingsSchema = z.object({
  /** 发文机关: printed in red at the top of letters. */
  authorityName: requiredText('发文机关名称', 40),
  docPrefixes: docPrefixesSchema,
});
export type OfficeSettings = z.output<typeof officeSettingsSchema>;

export const settingsUpdateInput = officeSettingsSchema;
