/**
 * What every restore form asks (从备份恢复 on the backup page, and on the recovery page of
 * a damaged file): the backup file, its passphrase, and the clerk's confirmation; and
 * what every backup card shows under its form: the start error and the job's progress.
 */
import { Alert, Checkbox, Form, Input } from 'antd';
import type { BackupJobView } from '../../../core/backup/contract';
import { JobProgress } from './JobProgress';
import { PathInput } from './PathPicker';

export function RestoreFields({
  fileLabel,
  passphraseLabel,
  confirmText,
}: {
  fileLabel: string;
  passphraseLabel: string;
  confirmText: string;
}) {
  return (
    <>
      <Form.Item label={fileLabel} name="file" rules={[{ required: true, message: '请选择备份文件' }]}>
        <PathInput mode="file" placeholder="*.qlbak" />
      </Form.Item>
      <Form.Item label={passphraseLabel} name="passphrase" rules={[{ required: true, message: '请输入备份口令' }]}>
        <Input.Password autoComplete="off" />
      </Form.Item>
      <Form.Item
        name="confirm"
        valuePropName="checked"
        rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('请确认用备份替换当前数据'))) }]}
      >
        <Checkbox>{confirmText}</Checkbox>
      </Form.Item>
    </>
  );
}

/** The error from starting a job, then the job's progress (and its failure, once it failed). */
export function JobFeedback({ error, job, onCancel }: { error: string | null; job: BackupJobView | null; onCancel: () => void }) {
  return (
    <>
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} role="alert" /> : null}
      <JobProgress job={job} onCancel={onCancel} />
    </>
  );
}
