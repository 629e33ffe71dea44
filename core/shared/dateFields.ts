import { z } from 'zod';
import { isValidDate } from './dates';

/** A calendar date 'YYYY-MM-DD' that exists (no 2025-02-30). */
export const dateField = (label: string) =>
  z
    .string({ error: `请填写${label}` })
    .trim()
    .min(1, { error: `请填写${label}` })
    .refine(isValidDate, { error: `${label}应为有效日期（如2025-07-01）` });

export const optionalDateField = (label: string) =>
  z
    .string({ error: `${label}应为日期` })
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .refine((v) => v === null || isValidDate(v), { error: `${label}应为有效日期（如2025-07-01）` });
