import type { z } from 'zod';
import { AppError } from '../errors';

/** Turns zod issues into one Chinese message plus per-field messages for forms. */
export function validationError(error: z.ZodError): AppError {
  const { messages, fields } = validationIssues(error);
  return new AppError('VALIDATION', `输入有误，未保存：${messages.join('；')}`, fields);
}

/**
 * The distinct Chinese messages of zod issues, and the first message per field ("a.b", or
 * "_" for the whole input). `labels` names top-level fields (and "_", the whole input) for
 * zod's own English messages; without one the field's path is quoted. The shell's side
 * channels use this too (electron/printing.ts), with their own prefix.
 */
export function validationIssues(
  error: z.ZodError,
  labels: Readonly<Record<string, string>> = {},
): { messages: string[]; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const messages: string[] = [];
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    const message = chineseMessage(issue, labels);
    if (!(key in fields)) fields[key] = message;
    if (!messages.includes(message)) messages.push(message);
  }
  return { messages, fields };
}

/** Our schemas carry Chinese messages; zod's own English ones (wrong types from a hostile caller) get a generic Chinese one. */
function chineseMessage(issue: z.core.$ZodIssue, labels: Readonly<Record<string, string>>): string {
  if (/[\u4e00-\u9fa5]/.test(issue.message)) return issue.message;
  const label = labels[issue.path.length ? String(issue.path[0]) : '_'];
  const where = label ?? (issue.path.length ? `“${issue.path.join('.')}”` : '输入');
  switch (issue.code) {
    case 'invalid_type':
      return `${where}的类型不正确`;
    case 'unrecognized_keys':
      return `${where}含有不认识的字段`;
    case 'too_big':
      return `${where}过长或过大`;
    case 'too_small':
      return `${where}过短或过小`;
    default:
      return `${where}的格式不正确`;
  }
}
