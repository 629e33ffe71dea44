import type { z } from 'zod';
import { AppError } from '../errors';

/** Turns zod issues into one Chinese message plus per-field messages for forms. */
export function validationError(error: z.ZodError): AppError {
  const { messages, fields } = validationIssues(error);
  return new AppError('VALIDATION', `输入有误，未保存：${messages.join('；')}`, fields);
}

/**
 * The distinct Chinese messages of zod issues, and the first message per field ("a.b", or
 * "_" for the whole input). Our schemas carry Chinese messages; zod's own English ones (a
 * hostile or broken caller) are replaced by `fallback`'s. The shell's side channels use this
 * too (electron/printing.ts), with their own fallback and prefix.
 */
export function validationIssues(
  error: z.ZodError,
  fallback: (issue: z.core.$ZodIssue) => string = genericMessage,
): { messages: string[]; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  const messages: string[] = [];
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    const message = /[\u4e00-\u9fa5]/.test(issue.message) ? issue.message : fallback(issue);
    if (!(key in fields)) fields[key] = message;
    if (!messages.includes(message)) messages.push(message);
  }
  return { messages, fields };
}

/** A generic Chinese message for one of zod's English ones (wrong types from a hostile caller). */
function genericMessage(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `“${issue.path.join('.')}”` : '输入';
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
