/** A progress bar for one long call whose progress cannot be reported: it advances with the expected time and completes when the call returns. */
import { Progress } from 'antd';
import { useEffect, useState } from 'react';

export function EstimatedProgress({ expectedMs }: { expectedMs: number }) {
  const [percent, setPercent] = useState(3);
  useEffect(() => {
    const started = Date.now();
    const timer = setInterval(() => {
      const t = (Date.now() - started) / Math.max(expectedMs, 300);
      // Approaches 95 % and waits there for the answer.
      setPercent(Math.min(95, Math.round(95 * (1 - Math.exp(-2.5 * t)))));
    }, 120);
    return () => clearInterval(timer);
  }, [expectedMs]);
  return <Progress percent={percent} status="active" />;
}
