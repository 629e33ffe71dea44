/**
 * A form's save, the same in every dialog: the values checked with the contract's schema
 * (its messages on the fields), sent, and a refusal shown (the server's field messages on
 * the fields, its message above the form, everything typed kept).
 */
import type { FormInstance } from 'antd';
import { useState } from 'react';
import type { z } from 'zod';
import { parseForm, showServerError } from './zodForm';

export function useFormSave(form: FormInstance, known: readonly string[]) {
  /** The message above the form (FormModal/FormDrawer `error`). */
  const [error, setError] = useState<string | null>(null);
  /** Resolves to what the server sent back, or null when nothing was saved (the form says why). */
  const save = async <S extends z.ZodType, R>(
    schema: S,
    values: unknown,
    send: (input: z.output<S>) => Promise<R>,
  ): Promise<{ value: R } | null> => {
    setError(null);
    const input = parseForm(form, schema, values, known);
    if (!input) return null;
    try {
      return { value: await send(input) };
    } catch (e) {
      setError(showServerError(form, e, known));
      return null;
    }
  };
  return { error, setError, save };
}
