import { Alert, Button, Flex, Progress, Typography } from 'antd';
import type { BackupJobView } from '../../../core/backup/contract';

/** Progress bar with the phase and a cancel button while running; the error when it failed. */
export function JobProgress({
  job,
  onCancel,
  cancellable = true,
}: {
  job: BackupJobView | null;
  onCancel: () => void;
  cancellable?: boolean;
}) {
  if (!job) return null;
  if (job.state === 'running') {
    return (
      <Flex vertical gap={4} style={{ marginTop: 12 }} data-testid="backup-progress">
        <Typography.Text>{job.label}……</Typography.Text>
        <Flex align="center" gap={12}>
          <Progress percent={Math.round(job.fraction * 100)} status="active" style={{ flex: 1, margin: 0 }} />
          {cancellable && job.phase !== 'swap' ? (
            <Button onClick={onCancel} size="small">
              取消
            </Button>
          ) : null}
        </Flex>
      </Flex>
    );
  }
  if (job.state === 'failed' || job.state === 'cancelled') {
    return (
      <Alert
        type={job.state === 'cancelled' ? 'info' : 'error'}
        showIcon
        title={job.error?.message ?? '操作未完成。'}
        style={{ marginTop: 12 }}
        role="alert"
      />
    );
  }
  return null;
}
