/** "3/5 60%" with a thin bar: receipt rates, pledge completion. */
import { Progress, Space, Typography } from 'antd';

/** 0.6 → 60 (whole percent, never 100 unless complete). */
export function wholePercent(done: number, total: number): number {
  if (!total) return 0;
  const p = Math.round((done / total) * 100);
  return p === 100 && done < total ? 99 : p;
}

export function RateProgress({ done, total, width = 90, testId }: { done: number; total: number; width?: number; testId?: string }) {
  const percent = wholePercent(done, total);
  return (
    <Space size={6} data-testid={testId} style={{ whiteSpace: 'nowrap' }}>
      <Typography.Text>
        {done}/{total}
      </Typography.Text>
      <Progress
        percent={percent}
        size={{ width }}
        strokeColor={percent === 100 ? '#389e0d' : undefined}
        format={(p) => `${p ?? 0}%`}
        status="normal"
        style={{ margin: 0 }}
      />
    </Space>
  );
}
