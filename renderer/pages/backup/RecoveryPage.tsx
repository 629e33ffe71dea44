/**
 * Shown instead of the login when the app started on a damaged data file: what happened,
 * in Chinese, and 从备份恢复 with a file picker. No login (the accounts are in the damaged
 * file); the backup's passphrase is what allows the restore. The damaged file is kept.
 */
import { Alert, Button, Card, Checkbox, Form, Input, Result, Typography } from 'antd';
import { call } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { JobProgress } from './JobProgress';
import { PathInput, PlacesNote } from './PathPicker';
import { useBackupJob } from './useBackupJob';

export function RecoveryPage({ message, onRestored }: { message: string; onRestored: () => void }) {
  const [form] = Form.useForm();
  const places = useApiQuery('backup.places', {});
  const { job, error, start, cancel, running } = useBackupJob((j) => {
    if (j.state === 'done') onRestored();
  });
  return (
    <div style={{ maxWidth: 720, margin: '32px auto' }}>
      <Result status="warning" title="数据文件已损坏，无法打开" subTitle={message} />
      <Card size="small" title="从备份恢复">
        <Typography.Paragraph type="secondary">
          选择最近的一个备份文件（*.qlbak，通常在 U
          盘上），输入备份时设置的口令。恢复前会完整检查备份；损坏的数据文件不会删除，会原样保留在数据文件夹的 backups/pre-restore
          中。恢复后请用备份中的账号重新登录。
          <PlacesNote places={places.data} />
        </Typography.Paragraph>
        <Form
          form={form}
          name="backup-recovery"
          layout="vertical"
          disabled={running}
          onFinish={async (v: { file?: string; passphrase?: string; confirm?: boolean }) => {
            await start(() =>
              call('backup.startRecoveryRestore', {
                file: v.file ?? '',
                passphrase: v.passphrase ?? '',
                confirm: (v.confirm === true) as true,
              }),
            ).catch(() => undefined);
          }}
        >
          <Form.Item label="备份文件" name="file" rules={[{ required: true, message: '请选择备份文件' }]}>
            <PathInput mode="file" placeholder="*.qlbak" />
          </Form.Item>
          <Form.Item label="口令" name="passphrase" rules={[{ required: true, message: '请输入备份口令' }]}>
            <Input.Password autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="confirm"
            valuePropName="checked"
            rules={[{ validator: (_, v) => (v ? Promise.resolve() : Promise.reject(new Error('请确认用备份替换损坏的数据文件'))) }]}
          >
            <Checkbox>我确认用此备份替换损坏的数据文件（损坏的文件会保留）</Checkbox>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={running}>
            从备份恢复
          </Button>
        </Form>
        {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} role="alert" /> : null}
        <JobProgress job={job} onCancel={() => void cancel()} />
        {job?.state === 'failed' && job.error ? (
          <Alert type="error" showIcon title={job.error.message} style={{ marginTop: 12 }} role="alert" />
        ) : null}
      </Card>
    </div>
  );
}
