/** Import from Excel/CSV: preview (nothing written), then confirm (all valid rows in one transaction). Pure zod. */
import { z } from 'zod';
import type { PersonListItem } from '../people/contract';

export const IMPORT_KINDS = ['people', 'sanctions', 'pendingMatters', 'pledgeRoster'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_KIND_LABELS: Record<ImportKind, string> = {
  people: '人员和单位',
  sanctions: '处分记录',
  pendingMatters: '在查事项',
  pledgeRoster: '承诺书名单',
};
/**
 * Templates: every import, and the 征求意见 name list. That list is previewed here too
 * (kind 'requestList') but confirmed by saving the request it belongs to (opinions/importList.ts).
 */
export const TEMPLATE_KINDS = [...IMPORT_KINDS, 'requestList'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];
export const TEMPLATE_KIND_LABELS: Record<TemplateKind, string> = { ...IMPORT_KIND_LABELS, requestList: '征求意见人员名单' };

/** Rows and bytes one import may hold (also enforced while reading, see importRead.ts). */
export const IMPORT_ROW_CAP = 20_000;

const kind = z.enum(IMPORT_KINDS, { error: '不支持导入这类数据' });
/** The campaign a 承诺书名单 goes into (only that import has a target). */
const campaignId = z
  .string()
  .trim()
  .max(64)
  .nullish()
  .transform((v) => v || null);
/** What to do with a row matching a record already held: update it from the file, or leave it. */
const existing = z.enum(['update', 'skip'], { error: '请选择已有记录的处理方式' }).default('update');

export const importPreviewInput = z.object({
  kind: z.enum(TEMPLATE_KINDS, { error: '不支持导入这类数据' }),
  fileName: z.string().max(260).default(''),
  // 15 MB file → 20 MB of base64; the refusal message for larger files comes from the reader.
  contentBase64: z.string({ error: '缺少文件内容' }).max(21 * 1024 * 1024, { error: '文件过大，一次最多导入15MB。请分成几个文件导入。' }),
  /** Field key → column index; absent: guessed from the header row. */
  mapping: z.record(z.string(), z.number().int().min(0).max(500).nullable()).optional(),
  existing,
  campaignId,
});

/** A previewed row sent back to be written. */
export const importCommitRow = z.object({
  line: z.number().int().min(1),
  /** What the preview said of the row: if checking it again now says otherwise, nothing is imported. */
  expect: z.enum(['new', 'update', 'unchanged'], { error: '缺少预览结果' }),
  values: z.record(z.string(), z.string().max(2000).nullable()),
  /** This row's own choice for a matching record (the request list chooses per row); absent: the import's. */
  existing: z.enum(['update', 'skip'], { error: '请选择已有记录的处理方式' }).optional(),
});

export const importCommitInput = z.object({
  kind,
  existing,
  campaignId,
  rows: z
    .array(importCommitRow)
    .min(1, { error: '没有可导入的行' })
    .max(IMPORT_ROW_CAP, { error: `一次最多导入${IMPORT_ROW_CAP}行` }),
});

export const importTemplateInput = z.object({ kind: z.enum(TEMPLATE_KINDS, { error: '没有这类导入模板' }) });

export interface ImportField {
  key: string;
  label: string;
  required: boolean;
  hint: string | null;
}

export type ImportRowStatus = 'new' | 'update' | 'unchanged' | 'invalid';
export const IMPORT_STATUS_LABELS: Record<ImportRowStatus, string> = {
  new: '新增',
  update: '已有，将更新',
  unchanged: '已有，无变化',
  invalid: '有错误',
};

export interface ImportRowReport {
  /** Line in the file (the header is line 1). */
  line: number;
  status: ImportRowStatus;
  /** Why invalid, in Chinese; or for 'update', what changes. */
  reason: string | null;
  /** The row's values by field key, as mapped (what confirm sends back). */
  values: Record<string, string | null>;
  /** The registered person the row matched (request lists: the clerk sees who). */
  person?: PersonListItem;
  /** For 'update': what would change. */
  changes?: string[];
}

export interface ImportPreview {
  kind: TemplateKind;
  headers: string[];
  fields: ImportField[];
  mapping: Record<string, number | null>;
  rows: ImportRowReport[];
  counts: Record<ImportRowStatus, number>;
  /** Units the import will create (people whose unit is not in the register yet). */
  newUnits: string[];
}

export interface ImportResult {
  created: number;
  updated: number;
  unchanged: number;
  skipped: number;
  unitsCreated: number;
}
