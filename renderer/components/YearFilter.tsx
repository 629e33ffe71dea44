/** 年度 as a list filter: a year from 2000 to 2100, or none (全部年度). Never saved, so an out-of-range year just clears it. */
import { InputNumber } from 'antd';

export function YearFilter({ value, onChange }: { value: number | null; onChange: (year: number | null) => void }) {
  return (
    <InputNumber<number>
      aria-label="按年度筛选"
      placeholder="全部年度"
      min={2000}
      max={2100}
      value={value}
      onChange={(v) => onChange(typeof v === 'number' && v >= 2000 && v <= 2100 ? v : null)}
      style={{ width: 120 }}
      suffix="年"
    />
  );
}
