/**
 * A calendar date field whose value is the contract's 'YYYY-MM-DD' string (or null).
 * It shows 2025年7月1日 and accepts what clerks type: 2025-07-01, 20250701, 2025.7.1,
 * 2025/7/1, 2025年7月1日 (Enter or leaving the field takes the typed date).
 */
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { isValidDate } from '../../core/shared/dates';

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

export function DateInput({ value, onChange, id, placeholder = '如 2025-07-01', disabled, allowClear = true, style, ...rest }: DateInputProps) {
  return (
    <DatePicker
      id={id}
      aria-label={rest['aria-label']}
      value={value && isValidDate(value) ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : null)}
      format={DATE_INPUT_FORMATS}
      placeholder={placeholder}
      disabled={disabled}
      allowClear={allowClear}
      style={{ width: '100%', ...style }}
    />
  );
}
