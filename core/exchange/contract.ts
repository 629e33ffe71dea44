/**
 * Excel/CSV exchange: every list exports what is currently filtered (the same filter
 * input as its list channel, without paging); imports are previewed, then confirmed.
 * Pure zod and types: the renderer imports this.
 */
import { z } from 'zod';
import { auditListInput } from '../audit/contract';
import { requestsListInput, repliesListInput } from '../opinions/contract';
import { peopleListInput } from '../people/contract';
import { recycleBinListInput } from '../recycleBin/contract';
import { campaignsListInput, rosterListInput } from '../pledges/contract';
import { remindersListInput } from '../reminders/contract';
import { revisitsDueInput } from '../revisits/contract';
import { METRIC_KEYS, statisticsInput } from '../statistics/contract';
import { dateField } from '../shared/dateFields';

export const EXPORT_FORMATS = ['xlsx', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
const format = z.enum(EXPORT_FORMATS, { error: '导出格式只能是 Excel（.xlsx）或 CSV' });
const unpaged = { page: true, pageSize: true } as const;

export const exportInput = z.discriminatedUnion(
  'list',
  [
    z.object({ list: z.literal('people'), format, filter: peopleListInput.omit(unpaged) }),
    z.object({ list: z.literal('units'), format, filter: z.object({}).default({}) }),
    z.object({ list: z.literal('opinionRequests'), format, filter: requestsListInput.omit(unpaged) }),
    z.object({ list: z.literal('opinionReplies'), format, filter: repliesListInput.omit(unpaged) }),
    z.object({ list: z.literal('reminderLetters'), format, filter: remindersListInput.omit(unpaged) }),
    z.object({ list: z.literal('pledgeCampaigns'), format, filter: campaignsListInput.omit(unpaged) }),
    z.object({ list: z.literal('pledgeRoster'), format, filter: rosterListInput.omit(unpaged) }),
    z.object({ list: z.literal('revisitsDue'), format, filter: revisitsDueInput }),
    z.object({ list: z.literal('statistics'), format, filter: statisticsInput }),
    z.object({
      list: z.literal('statisticsRecords'),
      format,
      filter: z
        .object({
          from: dateField('起始日期'),
          to: dateField('截止日期'),
          metric: z.enum(METRIC_KEYS),
          group: z
            .string()
            .max(200)
            .nullish()
            .transform((v) => v ?? null),
        })
        .refine((v) => v.from <= v.to, { error: '起始日期不能晚于截止日期', path: ['to'] }),
    }),
    // 操作记录 is for administrators only: the export checks audit.list's rule (exportLists.ts).
    z.object({ list: z.literal('auditLog'), format, filter: auditListInput.omit(unpaged) }),
    z.object({ list: z.literal('recycleBin'), format, filter: recycleBinListInput.omit(unpaged) }),
  ],
  { error: '不支持导出这个列表' },
);
export type ExportList = z.infer<typeof exportInput>['list'];

export interface ExportFile {
  fileName: string;
  mime: string;
  contentBase64: string;
  rows: number;
}
