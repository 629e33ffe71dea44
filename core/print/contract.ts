/**
 * The print engine's shapes (core/print): the letter settings that vary between offices
 * (GB/T 9704 letterhead, contact line, seal text, fonts), the fonts it resolves, and what a
 * laid-out document and its PDF look like to the UI. Pure zod + types: the renderer imports
 * this file (forms, labels), so no Node or DOM here.
 */
import type { JobView } from '../host/jobs';
import { z } from 'zod';
import { optionalText } from '../shared/fields';

// ---- settings (key 'letters') ----

export const FONT_MODES = ['system-first', 'bundled-only'] as const;
export type FontMode = (typeof FONT_MODES)[number];
export const FONT_MODE_LABELS: Record<FontMode, string> = {
  'system-first': '优先使用本机字体（仿宋、小标宋等），没有时使用程序自带字体',
  'bundled-only': '始终使用程序自带字体（各台电脑打印效果完全一致）',
};

export const letterSettingsSchema = z.object({
  /** Print the red 发文机关标志 and red double lines; off for pre-printed letterhead paper. */
  redHeader: z.boolean({ error: '请选择是否打印红色版头' }),
  /** 联系人 and 电话 of the contact line "（联系人：×××，电话：×××）" under the date. */
  contactPerson: optionalText('联系人', 20),
  contactPhone: optionalText('联系电话', 30),
  /** Text printed small in the middle of the seal area (e.g. “（盖章）”); blank prints nothing there. */
  sealText: optionalText('印章位置提示文字', 10),
  /** Up to this many persons the opinions go into the body; more go into an attached table. */
  inlineMaxPersons: z
    .number({ error: '正文列出人数应为数字' })
    .int({ error: '正文列出人数应为整数' })
    .min(1, { error: '正文列出人数至少为1' })
    .max(10, { error: '正文列出人数最多为10' }),
  fontMode: z.enum(FONT_MODES, { error: '请选择字体方式' }),
});
export type LetterSettings = z.output<typeof letterSettingsSchema>;

export const DEFAULT_LETTER_SETTINGS: LetterSettings = {
  redHeader: true,
  contactPerson: null,
  contactPhone: null,
  sealText: null,
  inlineMaxPersons: 5,
  fontMode: 'system-first',
};

// ---- fonts ----

/** The typeface roles of GB/T 9704: 仿宋 body, 小标宋 titles, 黑体 and 楷体 headings, 宋体 page numbers. */
export const FONT_ROLES = ['fangsong', 'xiaobiaosong', 'heiti', 'kaiti', 'songti'] as const;
export type FontRole = (typeof FONT_ROLES)[number];
export const FONT_ROLE_LABELS: Record<FontRole, string> = {
  fangsong: '仿宋（正文）',
  xiaobiaosong: '小标宋（标题、发文机关标志）',
  heiti: '黑体（一级标题、“附件”、表头）',
  kaiti: '楷体（二级标题）',
  songti: '宋体（页码）',
};

export interface ResolvedFont {
  role: FontRole;
  /** 'system': an installed face; 'bundled': the OFL face shipped with the program. */
  source: 'system' | 'bundled';
  /** CSS family name used in the documents. */
  family: string;
  /** The font file, when known (system fonts found by fc-list or in the Windows Fonts folder). */
  file: string | null;
  /** The bundled face as the clerk reads it, e.g. “思源宋体 常规（程序自带开源字体）”. */
  bundled: string;
  /** The npm package and weight behind the bundled face (for IT staff and docs). */
  bundledPackage: string;
  /** Chinese note: why this face (e.g. “本机未安装仿宋_GB2312、仿宋……”). */
  note: string;
}

export interface FontReport {
  mode: FontMode;
  /** How installed fonts were found on this machine, in Chinese. */
  method: string;
  /** Installed CJK families found (for the record; at most 200). */
  systemFamilies: string[];
  fonts: ResolvedFont[];
  /** Said once in 设置 › 字体 when 仿宋/小标宋/黑体/楷体 are missing: what is used instead, where to install the office's fonts. */
  advice: string | null;
  /** Whether this host can render PDFs itself (browser mode with a Chromium, Chrome or Edge found). */
  serverPdf: { available: boolean; browser: string | null; note: string };
}

/** A laid-out document: self-contained HTML (fonts inlined), one <section class="page"> per sheet side. */
export interface LetterDocument {
  title: string;
  /** Suggested file name, without folder ("某纪廉复〔2025〕7号 关于张三等同志党风廉政情况的复函.pdf"). */
  fileName: string;
  orientation: 'portrait' | 'landscape';
  pageCount: number;
  /** Letters in the document (1 for lists). */
  letterCount: number;
  html: string;
  /** Notes for the clerk (e.g. "草稿，未签发：文号待签发时生成"). */
  warnings: string[];
  /**
   * One issued document (not voided): its PDF is the archival copy the core keeps
   * (core/print/archive.ts). The desktop shell then saves the core's PDF instead of
   * printing its own, so the same bytes come out every time.
   */
  archival?: boolean;
}

export interface PdfFile {
  fileName: string;
  pageCount: number;
  /** The PDF, base64. */
  pdfBase64: string;
}

/** 保存PDF as a job (core/letters/pdfJobs.ts): laying out, then printing page by page. */
export type PdfJobPhase = 'layout' | 'print';
export type PdfJobView = JobView<'pdf', PdfJobPhase, PdfFile>;
export const pdfJobInput = z.object({ jobId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, { error: '任务编号不正确' }) });
