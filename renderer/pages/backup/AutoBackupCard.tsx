/** 自动备份 (administrators): folder, schedule, on exit, rotation, the key, and 立即备份. */
import { Alert, App, Button, Card, Descriptions, Divider, Form, InputNumber, Space, Switch, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { backupSettingsInput, backupSettingsSchema, keepPolicySchema } from '../../../core/backup/contract';
import { call } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { formatDateTime } from '../../lib/format';
import { parseForm, showServerError, wholeNumberRule } from '../../lib/zodForm';
import { JobProgress } from './JobProgress';
import { PassphraseFields } from './PassphraseFields';
import { PathInput } from './PathPicker';
import { useBackupJob } from './useBackupJob';

/** The automatic backup's fields, whose ranges the form's rules read. */
const AUTO = backupSettingsSchema.shape.auto.shape;

const FIELDS = [
  'auto.enabled',
  'auto.folder',
  'auto.intervalHours',
  'auto.onExit',
  'auto.keep.daily',
  'auto.keep.weekly',
  'auto.keep.monthly',
  'warnAfterDays',
  'allowedFolders',
] as const;

export function AutoBackupCard() {
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const settings = useApiQuery('backup.settingsGet', {});
  const status = useApiQuery('backup.status', {});
  const update = useApiMutation('backup.settingsUpdate');
  const [form] = Form.useForm();
  const [keyForm] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [keyError, setKeyError] = useState<string | null>(null);
  const [savingKey, setSavingKey] = useState(false);
  const runNow = useBackupJob(() => void queryClient.invalidateQueries({ queryKey: ['backup.status'] }));
  const auto = status.data?.auto;

  return (
    <Card size="small" title="自动备份（管理员）">
      {auto ? (
        <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
          <Descriptions.Item label="状态">
            {auto.enabled ? (auto.keySet ? '已开启' : '已开启，但尚未设置密钥（不会执行）') : '未开启'}
          </Descriptions.Item>
          {auto.nextDueAt && auto.enabled ? (
            <Descriptions.Item label="下次备份">
              {new Date(auto.nextDueAt).getTime() === 0 ? '即将进行' : formatDateTime(auto.nextDueAt)}
            </Descriptions.Item>
          ) : null}
          {status.data?.rotation && status.data.rotation.leftAlone.length > 0 ? (
            <Descriptions.Item label="未删除的文件">
              <Typography.Text type="secondary" data-testid="rotation-left-alone">
                上次轮换（{formatDateTime(status.data.rotation.at)}）只删除本机写入并核对无误的自动备份；以下{' '}
                {status.data.rotation.leftAlone.length} 个文件不是本机写入或已被改动，保留未动：
                {status.data.rotation.leftAlone
                  .slice(0, 20)
                  .map((l) => `${l.name}（${l.reason}）`)
                  .join('；')}
                {status.data.rotation.leftAlone.length > 20 ? ' 等' : ''}
              </Typography.Text>
            </Descriptions.Item>
          ) : null}
          {auto.lastError ? (
            <Descriptions.Item label="上次失败">
              <Typography.Text type="danger">
                {formatDateTime(auto.lastError.at)}：{auto.lastError.message}
              </Typography.Text>
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      {settings.data ? (
        <Form
          form={form}
          name="backup-auto"
          layout="vertical"
          initialValues={settings.data}
          style={{ maxWidth: 560 }}
          onFinish={async (values) => {
            setError(null);
            const input = parseForm(
              form,
              backupSettingsInput,
              {
                ...values,
                auto: { ...values.auto, folder: values.auto.folder?.trim() || null },
                allowedFolders: ((values.allowedFolders ?? []) as (string | undefined)[]).map((f) => f?.trim() ?? '').filter(Boolean),
              },
              FIELDS,
            );
            if (!input) return;
            try {
              await update.mutateAsync(input);
              message.success('自动备份设置已保存');
            } catch (e) {
              setError(showServerError(form, e, FIELDS));
            }
          }}
        >
          <Form.Item label="开启自动备份" name={['auto', 'enabled']} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item
            label="自动备份文件夹"
            name={['auto', 'folder']}
            extra="建议选择另一块硬盘、移动硬盘或单位的共享文件夹，不要与数据文件放在同一块硬盘上。"
          >
            <PathInput mode="folder" />
          </Form.Item>
          <Space size={16} wrap>
            <Form.Item label="间隔（小时）" name={['auto', 'intervalHours']} rules={[wholeNumberRule('间隔（小时）', AUTO.intervalHours)]}>
              <InputNumber />
            </Form.Item>
            <Form.Item label="退出程序时也备份" name={['auto', 'onExit']} valuePropName="checked">
              <Switch />
            </Form.Item>
            <Form.Item
              label="超过几天未备份时提醒"
              name="warnAfterDays"
              rules={[wholeNumberRule('提醒天数', backupSettingsSchema.shape.warnAfterDays)]}
            >
              <InputNumber />
            </Form.Item>
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            保留：每天最新一份、每周最新一份、每月最新一份各保留若干份，其余自动删除（只删除自动备份）。
          </Typography.Paragraph>
          <Space size={16} wrap>
            <Form.Item
              label="按天保留"
              name={['auto', 'keep', 'daily']}
              rules={[wholeNumberRule('按天保留', keepPolicySchema.shape.daily)]}
            >
              <InputNumber />
            </Form.Item>
            <Form.Item
              label="按周保留"
              name={['auto', 'keep', 'weekly']}
              rules={[wholeNumberRule('按周保留', keepPolicySchema.shape.weekly)]}
            >
              <InputNumber />
            </Form.Item>
            <Form.Item
              label="按月保留"
              name={['auto', 'keep', 'monthly']}
              rules={[wholeNumberRule('按月保留', keepPolicySchema.shape.monthly)]}
            >
              <InputNumber />
            </Form.Item>
          </Space>
          <Form.Item
            label="允许的备份文件夹"
            extra="除 U 盘、移动硬盘和自动备份文件夹外，非管理员账号还可以在这些文件夹中创建、查找和检查备份。"
          >
            <Form.List name="allowedFolders">
              {(fields, { add, remove }) => (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {fields.map((field) => (
                    <Space.Compact key={field.key} style={{ width: '100%' }}>
                      <Form.Item name={field.name} noStyle>
                        <PathInput mode="folder" />
                      </Form.Item>
                      <Button onClick={() => remove(field.name)}>移除</Button>
                    </Space.Compact>
                  ))}
                  <Button onClick={() => add('')} disabled={fields.length >= 20}>
                    添加允许的文件夹
                  </Button>
                </Space>
              )}
            </Form.List>
          </Form.Item>
          <div>
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              保存自动备份设置
            </Button>
          </div>
        </Form>
      ) : null}
      <Divider />
      <Typography.Paragraph>
        自动备份密钥：{auto?.keySet ? '已设置' : '未设置'}
        。程序只保存由口令推导出的密钥（不保存口令本身），以便无人值守时备份；恢复自动备份时输入这里设置的口令。
      </Typography.Paragraph>
      {keyError ? <Alert type="error" showIcon title={keyError} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Form
        form={keyForm}
        name="backup-key"
        layout="vertical"
        style={{ maxWidth: 560 }}
        onFinish={async (v: { passphrase: string; passphraseConfirm: string }) => {
          setKeyError(null);
          setSavingKey(true);
          try {
            await call('backup.setAutoKey', { passphrase: v.passphrase ?? '', passphraseConfirm: v.passphraseConfirm ?? '' });
            keyForm.resetFields();
            await queryClient.invalidateQueries({ queryKey: ['backup.status'] });
            message.success('自动备份密钥已设置');
          } catch (e) {
            setKeyError(errorMessage(e));
          } finally {
            setSavingKey(false);
          }
        }}
      >
        <PassphraseFields label="自动备份口令" />
        <Space>
          <Button htmlType="submit" loading={savingKey}>
            {auto?.keySet ? '更换密钥' : '设置密钥'}
          </Button>
          <Button
            disabled={!auto?.keySet || runNow.running}
            onClick={() => void runNow.start(() => call('backup.runAuto', {})).catch(() => undefined)}
          >
            立即自动备份一次
          </Button>
        </Space>
      </Form>
      {runNow.error ? <Alert type="error" showIcon title={runNow.error} style={{ marginTop: 12 }} role="alert" /> : null}
      <JobProgress job={runNow.job} onCancel={() => void runNow.cancel()} />
      {runNow.job?.state === 'done' && runNow.job.result ? (
        <Alert type="success" showIcon title={`自动备份完成：${runNow.job.result.file}`} style={{ marginTop: 12 }} />
      ) : null}
    </Card>
  );
}
