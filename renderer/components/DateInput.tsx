/**
 * A calendar date field whose value is the contract's 'YYYY-MM-DD' string (or null).
 * It shows 2025年7月1日 and accepts what clerks type: 2025-07-01, 20250701, 2025.7.1,
 * 2025/7/1, 2025年7月1日.
 *
 * What is typed is what is saved: antd's DatePicker commits typed text only when its
 * popup has closed, a frame after the field lost the focus — a click on 保存 right after
 * typing read the old value (issue 16). Here the text is taken the moment the field
 * loses the focus (the mousedown on any button), before that button's click runs:
 * - a date → the value;
 * - an emptied field → no date (where the field may be empty);
 * - anything else → the typed text itself, kept on screen, so the form's rule (or the
 *   server) says what is wrong instead of silently keeping the old date.
 */
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { isValidDate } from '../../core/shared/dates';
import { readTypedDate } from '../../core/shared/typedDate';

export const DATE_INPUT_FORMATS = ['YYYY年M月D日', 'YYYY-MM-DD', 'YYYY-M-D', 'YYYYMMDD', 'YYYY.M.D', 'YYYY/M/D'];

export interface DateInputProps {
  value?: string | null;
  onChange?: (value: string | null) => void;
  id?: string;
  placeholder?: string;
  disabled?: boolean;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'aria-label'?: string;
}

export function DateInput({
  value,
  onChange,
  id,
  placeholder = '如 2025-07-01',
  disabled,
  allowClear = true,
  style,
  ...rest
}: DateInputProps) {
  const valid = value && isValidDate(value) ? value : null;
  // While the value is unreadable text, the picker keeps showing the last date it had, so
  // that it does not wipe the text the clerk typed (kept on screen by preserveInvalidOnBlur).
  const [lastValid, setLastValid] = useState<string | null>(valid);
  if ((valid || !value) && lastValid !== valid) setLastValid(valid); // adjusting state while rendering (React's pattern for derived state)
  const shown = valid ?? (value ? lastValid : null);

  const commitTyped = (text: string) => {
    const typed = readTypedDate(text);
    if (typed.kind === 'empty') {
      if (allowClear && value) onChange?.(null);
      return;
    }
    const next = typed.kind === 'date' ? typed.date : typed.text;
    if (next !== value) onChange?.(next);
  };

  const { width = '100%', ...restStyle } = style ?? {};
  return (
    <span
      style={{ display: 'inline-block', width }}
      onBlur={(e) => {
        if (e.target instanceof HTMLInputElement) commitTyped(e.target.value);
      }}
    >
      <DatePicker
        id={id}
        aria-label={rest['aria-label']}
        value={shown ? dayjs(shown) : null}
        onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
        format={DATE_INPUT_FORMATS}
        placeholder={placeholder}
        disabled={disabled}
        allowClear={allowClear}
        // The field shows only what was typed or chosen (no hover preview a blur could take).
        previewValue={false}
        preserveInvalidOnBlur
        status={value && !valid ? 'error' : undefined}
        style={{ ...restStyle, width: '100%' }}
      />
    </span>
  );
}
