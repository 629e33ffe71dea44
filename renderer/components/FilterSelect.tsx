/** A list filter's drop-down: one value or none (the placeholder, e.g. 全部状态, means "not filtered"). */
import { Select } from 'antd';

export function FilterSelect<V extends string>({
  label,
  placeholder,
  width,
  value,
  onChange,
  values,
  labels,
}: {
  /** The accessible name, e.g. 按状态筛选. */
  label: string;
  placeholder: string;
  width: number;
  value: V | undefined;
  onChange: (value: V | undefined) => void;
  values: readonly V[];
  /** Shown instead of the value itself, where they differ. */
  labels?: Partial<Record<V, string>>;
}) {
  return (
    <Select<V>
      aria-label={label}
      placeholder={placeholder}
      allowClear
      style={{ width }}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      options={values.map((v) => ({ value: v, label: labels?.[v] ?? v }))}
    />
  );
}
