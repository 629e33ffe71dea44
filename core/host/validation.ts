import type { z } from 'zod';
import { AppError } from '../errors';

/** Turns zod issues into one Chinese message plus per-field messages for forms. */
export function validationError(error: z.ZodError): AppError {
  const fields: Record<string, string> = {};
  const messages: string[] = [];
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    const message = chineseMessage(issue);
    if (!(key in fields)) fields[key] = message;
    if (!messages.includes(message)) messages.push(message);
  }
  return new AppError('VALIDATION', `输入有误，未保存：${messages.join('；')}`, fields);
}

/** Our schemas carry Chinese messages; zod's own English ones (wrong types from a hostile caller) get a generic Chinese one. */
function chineseMessage(issue: z.core.$ZodIssue): string {
  if (/[\u4e00-\u9fa5]/.test(issue.message)) return issue.message;
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
