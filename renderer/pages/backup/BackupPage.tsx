/**
 * 备份与恢复: make an encrypted backup (to a USB stick), check one, restore one
 * (administrators), and the automatic backups (administrators).
 */
import { Alert, App, Button, Card, Checkbox, Form, Input, Modal, Result, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { BackupJobView } from '../../../core/backup/contract';
import { call } from '../../api/client';
import { useApiQuery } from '../../api/hooks';
import { useAuth, useCurrentUser, useIsAdmin } from '../../app/auth';
import { formatDateTime } from '../../lib/format';
import { PageHeader } from '../PageHeader';
import { AutoBackupCard } from './AutoBackupCard';
import { JobProgress } from './JobProgress';
import { ManifestDetails, formatSize } from './ManifestDetails';
import { PassphraseFields } from './PassphraseFields';
import { PathInput } from './PathPicker';
import { useBackupJob } from './useBackupJob';

export function BackupPage() {
  const isAdmin = useIsAdmin();
  // Taking a backup takes the whole database away: a right the administrator grants (导出备份).
  const mayExport = useCurrentUser().roles.some((r) => r === 'admin' || r === 'exporter');
  const status = useApiQuery('backup.status', {});
  return (
    <div>
      <PageHeader title="备份与恢复">
        <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
          备份文件经过高强度加密，只有知道口令的人才能打开。请把备份存到 U 盘或移动硬盘，并与电脑分开保管。
          {status.data?.lastSuccess ? ` 上次成功备份：${formatDateTime(status.data.lastSuccess.at)}。` : ' 尚未备份过。'}
        </Typography.Paragraph>
      </PageHeader>
      <Space direction="vertical" size={16} style={{ width: '100%', maxWidth: 820 }}>
        {mayExport ? (
          <CreateCard />
        ) : (
          <Alert type="info" showIcon title="创建备份需要“导出备份”权限，请联系管理员在“账号管理”中授予。" data-testid="no-export-right" />
        )}
        <VerifyCard />
        {isAdmin ? <RestoreCard /> : null}
        {isAdmin ? <AutoBackupCard /> : null}
      </Space>
    </div>
  );
}

function CreateCard() {
  const [form] = Form.useForm();
  const queryClient = useQueryClient();
  const { job, error, start, cancel, running } = useBackupJob((j) => {
    if (j.state === 'done') {
      form.resetFields(['passphrase', 'passphraseConfirm']);
      void queryClient.invalidateQueries({ queryKey: ['backup.status'] });
    }
  });
  return (
    <Card size="small" title="创建备份">
      <Form
        form={form}
        name="backup-create"
        layout="vertical"
        style={{ maxWidth: 560 }}
        disabled={running}
        onFinish={async (v: { folder: string; passphrase: string; passphraseConfirm: string }) => {
          await start(() =>
            call('backup.startCreate', {
              folder: v.folder ?? '',
              passphrase: v.passphrase ?? '',
              passphraseConfirm: v.passphraseConfirm ?? '',
            }),
          ).catch(() => undefined);
        }}
      >
        <Form.Item label="保存到文件夹" name="folder" rules={[{ required: true, message: '请选择保存备份的文件夹（如 U 盘）' }]}>
          <PathInput mode="folder" placeholder="例如 /media/用户/U盘 或 E:\" />
        </Form.Item>
        <PassphraseFields />
        <Button type="primary" htmlType="submit" loading={running}>
          开始备份
        </Button>
      </Form>
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} role="alert" /> : null}
      <JobProgress job={job} onCancel={() => void cancel()} />
      {job?.state === 'done' && job.result ? (
        <Alert
          type={job.result.readBack === 'device' ? 'success' : 'info'}
          showIcon
          style={{ marginTop: 12 }}
          // Say exactly what was checked: 'device' = read back from the disk after fsync, bypassing the cache.
          title={
            job.result.readBack === 'device'
              ? '备份完成，已读回校验无误（数据写入磁盘后直接从磁盘读回）'
              : '备份已写入并同步到磁盘，但读回时可能读到的是系统缓存，未能确认 U 盘本身完好'
          }
          description={
            <>
              <span data-testid="backup-created">
                {job.result.file}（{formatSize(job.result.size)}）
              </span>
              {job.result.readBack === 'device' ? null : (
                <div style={{ marginTop: 8 }}>
                  请安全弹出 U 盘、重新插入后，在下方“检查备份”中选择此文件并输入口令检查一遍（重新插入后读取的才是 U 盘上的数据）。
                </div>
              )}
            </>
          }
        />
      ) : null}
    </Card>
  );
}

function VerifyCard() {
  const [form] = Form.useForm();
  const { job, error, start, cancel, running } = useBackupJob();
  return (
    <Card size="small" title="检查备份">
      <Typography.Paragraph type="secondary">用口令完整解开一次备份并检查其中的数据，不会改动当前数据。</Typography.Paragraph>
      <Form
        form={form}
        name="backup-verify"
        layout="vertical"
        style={{ maxWidth: 560 }}
        disabled={running}
        onFinish={async (v: { file: string; passphrase: string }) => {
          await start(() => call('backup.startVerify', { file: v.file ?? '', passphrase: v.passphrase ?? '' })).catch(() => undefined);
        }}
      >
        <Form.Item label="备份文件" name="file" rules={[{ required: true, message: '请选择备份文件' }]}>
          <PathInput mode="file" placeholder="*.qlbak" />
        </Form.Item>
        <Form.Item label="口令" name="passphrase" rules={[{ required: true, message: '请输入口令' }]}>
          <Input.Password autoComplete="off" />
        </Form.Item>
        <Button htmlType="submit" loading={running}>
          检查
        </Button>
      </Form>
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} role="alert" /> : null}
      <JobProgress job={job} onCancel={() => void cancel()} />
      {job?.state === 'done' && job.result ? (
        <div style={{ marginTop: 12 }}>
          <Alert type="success" showIcon title="备份完好，可以用于恢复" style={{ marginBottom: 8 }} />
          <ManifestDetails manifest={job.result.manifest} file={job.result.file} />
        </div>
      ) : null}
    </Card>
  );
}

function RestoreCard() {
  const [form] = Form.useForm();
  const { modal } = App.useApp();
  const { logout } = useAuth();
  const queryClient = useQueryClient();
  const [done, setDone] = useState<BackupJobView | null>(null);
  const { job, error, start, cancel, running } = useBackupJob((j) => {
    if (j.state === 'done') setDone(j);
  });
  return (
    <Card size="small" title="从备份恢复（管理员）">
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title="恢复会用备份中的数据替换当前全部数据。"
        description="恢复前会完整检查备份；当前数据另存为“恢复前副本”，保存在数据文件夹中。恢复后所有人需要重新登录。"
      />
      <Form
        form={form}
        name="backup-restore"
        layout="vertical"
        style={{ maxWidth: 560 }}
        disabled={running}
        onFinish={(v: { file: string; passphrase: string; confirm: boolean }) => {
          modal.confirm({
            title: '确定用此备份替换当前数据？',
            content: `备份文件：${v.file}`,
            okText: '恢复',
            okButtonProps: { danger: true },
            cancelText: '取消',
            onOk: async () => {
              // Nothing else may ask the backend while the database is swapped.
              await queryClient.cancelQueries();
              await start(() =>
                call('backup.startRestore', { file: v.file ?? '', passphrase: v.passphrase ?? '', confirm: v.confirm === true } as never),
              ).catch(() => undefined);
            },
          });
        }}
      >
        <Form.Item label="恢复用的备份文件" name="file" rules={[{ required: true, message: '请选择备份文件' }]}>
          <PathInput mode="file" placeholder="*.qlbak" />
        </Form.Item>
        <Form.Item label="备份口令" name="passphrase" rules={[{ required: true, message: '请输入口令' }]}>
          <Input.Password autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="confirm"
          valuePropName="checked"
          rules={[
            {
              validator: async (_r, v) => {
                if (!v) throw new Error('请确认');
              },
            },
          ]}
        >
          <Checkbox>我明白当前数据将被备份中的数据替换</Checkbox>
        </Form.Item>
        <Button danger type="primary" htmlType="submit" loading={running}>
          开始恢复
        </Button>
      </Form>
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} role="alert" /> : null}
      <JobProgress job={job} onCancel={() => void cancel()} />
      <Modal open={!!done} closable={false} maskClosable={false} footer={null} width={640}>
        {done?.result ? (
          <Result
            status="success"
            title="数据已从备份恢复"
            subTitle={`已恢复到 ${formatDateTime(done.result.manifest.createdAt)} 的备份。原数据另存为：${done.result.preRestoreFile ?? '（原先没有数据）'}`}
            extra={
              <Button type="primary" onClick={() => void logout()}>
                重新登录
              </Button>
            }
          >
            <ManifestDetails manifest={done.result.manifest} file={done.result.file} />
          </Result>
        ) : null}
      </Modal>
    </Card>
  );
}
