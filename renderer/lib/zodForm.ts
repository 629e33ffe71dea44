/**
 * Form validation from the contract's own zod schemas, so a rule and its Chinese message
 * are written once (core/…/contract.ts) and the form says exactly what the server would.
 */
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import type { z } from 'zod';
import { ApiError } from '../api/errors';

/** An antd rule that runs one field's schema (on the value as `prepare` turns it, e.g. normalised). */
export function zodRule(schema: z.ZodType, prepare: (value: unknown) => unknown = (v) => v): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const result = await schema.safeParseAsync(prepare(value));
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '输入有误');
    },
  };
}

/** zod issues as { 'a.b': message } (first message per path), like the server's `error.fields`. */
export function issuesToFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join('.') || '_';
    if (!(key in fields)) fields[key] = issue.message;
  }
  return fields;
}

/**
 * Puts per-field messages on the form's fields. Returns the messages that belong to no
 * field of this form (to show above the form).
 */
export function applyFieldErrors(form: FormInstance, fields: Record<string, string>, known: readonly string[]): string[] {
  const onForm: { name: (string | number)[]; errors: string[] }[] = [];
  const rest: string[] = [];
  for (const [key, message] of Object.entries(fields)) {
    if (known.includes(key)) onForm.push({ name: key.split('.'), errors: [message] });
    else rest.push(message);
  }
  form.setFields(onForm);
  return rest;
}

/**
 * Validates all values with the whole schema (cross-field rules too). On failure marks
 * the fields and returns null; the typed values stay in the form.
 */
export function parseForm<S extends z.ZodType>(
  form: FormInstance,
  schema: S,
  values: unknown,
  known: readonly string[],
): z.output<S> | null {
  const result = schema.safeParse(values);
  if (result.success) return result.data;
  applyFieldErrors(form, issuesToFields(result.error), known);
  return null;
}

/** A server error on a form: field messages on the fields; returns the message for the alert above the form. */
export function showServerError(form: FormInstance, error: unknown, known: readonly string[]): string {
  if (error instanceof ApiError) {
    if (error.fields) applyFieldErrors(form, error.fields, known);
    return error.message;
  }
  return '保存失败：程序出现意外错误，请重试。';
}

/**
 * Fills a form from a record. Unlike a bare setFieldsValue, the fields do not count as
 * "touched" afterwards (touched means: changed by the clerk), and old errors go.
 */
export function fillForm(form: FormInstance, values: Record<string, unknown>): void {
  form.setFieldsValue(values);
  form.setFields(Object.keys(values).map((name) => ({ name, touched: false, errors: [] })));
}

/** Why `value` is not a whole number in [min, max] (null when it is). */
export function wholeNumberProblem(label: string, value: unknown, min: number, max: number): string | null {
  if (value === null || value === undefined || value === '') return `请填写${label}`;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) return `“${label}”应为${min}到${max}之间的整数`;
  return null;
}

/**
 * The range of a whole-number field, read from its schema in the contract (through
 * `.default()`, `.optional()`, `.nullable()`), so the form never restates it.
 */
export function wholeNumberRange(schema: z.ZodType): { min: number; max: number } {
  let inner: unknown = schema;
  while (inner && typeof (inner as { unwrap?: unknown }).unwrap === 'function') inner = (inner as { unwrap(): unknown }).unwrap();
  const number = inner as Partial<z.ZodNumber>;
  const { minValue, maxValue, isInt } = number;
  // .int() alone bounds a number by the safe integers: that is no range a form could state
  const bounded = (v: unknown): v is number => typeof v === 'number' && Math.abs(v) < Number.MAX_SAFE_INTEGER;
  if (!isInt || !bounded(minValue) || !bounded(maxValue))
    throw new Error('wholeNumberRule needs a schema of a whole number with a min and a max');
  return { min: minValue, max: maxValue };
}

/**
 * A whole number in the range its schema allows, said in Chinese when it is not. Used
 * instead of InputNumber's min/max/precision, which quietly change a typed 120 into 60 (or
 * 1.5 into 2) on blur and save that: what is typed is what is checked (issue 16).
 */
export function wholeNumberRule(label: string, schema: z.ZodType): Rule {
  const { min, max } = wholeNumberRange(schema);
  return {
    validator: async (_rule, value: unknown) => {
      const problem = wholeNumberProblem(label, value, min, max);
      if (problem) throw new Error(problem);
    },
  };
}

/** The same for a field that may stay empty. */
export function optionalWholeNumberRule(label: string, schema: z.ZodType): Rule {
  const { min, max } = wholeNumberRange(schema);
  return {
    validator: async (_rule, value: unknown) => {
      if (value === null || value === undefined || value === '') return;
      const problem = wholeNumberProblem(label, value, min, max);
      if (problem) throw new Error(problem);
    },
  };
}
