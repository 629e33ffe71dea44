/**
 * Field schemas shared by the contract and the renderer's forms, so one rule gives
 * one Chinese message everywhere. Pure zod: imported by the renderer too.
 */
import { z } from 'zod';

/**
 * Invisible characters that reorder or disguise the text around them (bidirectional
 * embeddings, overrides and isolates U+202A–U+202E and U+2066–U+2069, the direction
 * marks U+200E, U+200F and U+061C): "张三\u202E局长" prints as something else than it
 * says. Refused in every text field that is shown or printed.
 */
export const SPOOFING_CHARACTERS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;

/** The shared refinement: one rule, one Chinese message. */
const noSpoofing = (label: string) => (v: string | null | undefined) =>
  v === null ||
  v === undefined ||
  !SPOOFING_CHARACTERS.test(v) ||
  `${label}含有改变文字显示方向的隐藏控制字符（可能用于伪装内容），请删除后重新输入`;

const refuseSpoofing = (label: string) => {
  const check = noSpoofing(label);
  return (v: string | null | undefined, ctx: z.RefinementCtx) => {
    const result = check(v);
    if (result !== true) ctx.addIssue({ code: 'custom', message: result, abort: true });
  };
};

/** A required line of text, trimmed. */
export const requiredText = (label: string, max: number) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .max(max, { error: `${label}不能超过${max}个字`, abort: true })
    .superRefine(refuseSpoofing(label));

/** An optional line of text; blank becomes null. */
export const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label}应为文字` })
    .trim()
    .max(max, { error: `${label}不能超过${max}个字`, abort: true })
    .superRefine(refuseSpoofing(label))
    .nullish()
    .transform((v) => (v ? v : null));

export const recordId = (label = '记录') =>
  z.string({ error: `缺少${label}编号` }).regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, {
    error: `${label}编号格式不正确`,
  });

export const revision = z.number({ error: '缺少记录版本号' }).int().positive();

/** 出生年月 as YYYY-MM, between 1900 and this year. */
export const birthMonth = z
  .string({ error: '出生年月应为“1980-05”格式' })
  .trim()
  .nullish()
  .transform((v) => (v ? v : null))
  .refine((v) => v === null || isPlausibleMonth(v), { error: '出生年月应为“1980-05”格式，且在1900年至今之间' });

function isPlausibleMonth(v: string): boolean {
  const m = /^(\d{4})-(\d{2})$/.exec(v);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  return year >= 1900 && year <= new Date().getFullYear() && month >= 1 && month <= 12;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** True for an 18-character 居民身份证号码 whose date and check digit (GB 11643) are right. */
export function isValidChineseIdNumber(v: string): boolean {
  if (!/^\d{17}[\dX]$/.test(v)) return false;
  const y = Number(v.slice(6, 10));
  const mo = Number(v.slice(10, 12));
  const d = Number(v.slice(12, 14));
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(v[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === v[17];
}

/** 身份证号: optional; lower-case x accepted and stored upper-case. */
export const idNumber = z
  .string({ error: '身份证号应为18位' })
  .trim()
  .nullish()
  .transform((v) => (v ? v.toUpperCase() : null))
  .refine((v) => v === null || /^\d{17}[\dX]$/.test(v), { error: '身份证号应为18位数字（最后一位可为X）', abort: true })
  .refine((v) => v === null || isValidChineseIdNumber(v), { error: '身份证号的出生日期或校验位不正确，请核对' });

/** Shows the first 4 and last 4 characters only: 3301**********1234. */
export function maskIdNumber(v: string | null): string | null {
  if (!v) return null;
  return v.length <= 8 ? '*'.repeat(v.length) : `${v.slice(0, 4)}${'*'.repeat(v.length - 8)}${v.slice(-4)}`;
}

export const page = z.number({ error: '页码应为数字' }).int().min(1, { error: '页码从1开始' }).default(1);
export const pageSize = z
  .number({ error: '每页条数应为数字' })
  .int()
  .min(1, { error: '每页至少1条' })
  .max(200, { error: '每页最多200条' })
  .default(20);

export interface Paged<T> {
  items: T[];
  total: number;
  /**
   * True when a search matched more than it counts (total is then the cap, and only
   * the first `total` matches are paged): the UI says "超过N条，请缩小范围".
   */
  capped?: boolean;
  page: number;
  pageSize: number;
}
