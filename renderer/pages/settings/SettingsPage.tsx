/** 设置: office settings (administrators edit), and where the data lives. */
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Typography } from 'antd';
import { useState } from 'react';
import { docPrefix, settingsUpdateInput } from '../../../core/settings/contract';
import { requiredText } from '../../../core/shared/fields';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useAuth, useIsAdmin } from '../../app/auth';
import { exampleDocNumber } from '../../lib/format';
import { parseForm, showServerError, zodRule } from '../../lib/zodForm';
import { PageHeader } from '../PageHeader';
import { ImpactRulesCard } from './ImpactRulesCard';
import { OpinionSettingsCard } from './OpinionSettingsCard';
import { LetterSettingsCard } from './LetterSettingsCard';
import { StatisticsSettingsCard } from './StatisticsSettingsCard';
import { SecurityPolicyCard } from './SecurityPolicyCard';

const FIELDS = ['authorityName', 'docPrefixes.opinionReply', 'docPrefixes.reminderLetter'] as const;

export function SettingsPage() {
  const isAdmin = useIsAdmin();
  const { setAuthorityName } = useAuth();
  const { message } = App.useApp();
  const settings = useApiQuery('settings.get', {});
  const info = useApiQuery('app.info', {});
  const update = useApiMutation('settings.update');
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const opinionPrefix = Form.useWatch(['docPrefixes', 'opinionReply'], form) as string | undefined;
  const reminderPrefix = Form.useWatch(['docPrefixes', 'reminderLetter'], form) as string | undefined;

  return (
    <div>
      <PageHeader title="设置" />
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        <Card size="small" title="发文机关与文号">
          {!isAdmin ? <Alert type="info" showIcon title="只有管理员可以修改这些设置。" style={{ marginBottom: 16 }} /> : null}
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
          {settings.error ? <Alert type="error" showIcon title={settings.error.message} style={{ marginBottom: 16 }} /> : null}
          {settings.data ? (
            <Form
              name="settings"
              form={form}
              layout="vertical"
              validateTrigger="onBlur"
              disabled={!isAdmin}
              initialValues={settings.data}
              style={{ maxWidth: 560 }}
              onFinish={async (values) => {
                setError(null);
                const input = parseForm(form, settingsUpdateInput, values, FIELDS);
                if (!input) return;
                try {
                  const saved = await update.mutateAsync(input);
                  setAuthorityName(saved.authorityName);
                  message.success('设置已保存');
                } catch (e) {
                  setError(showServerError(form, e, FIELDS));
                }
              }}
            >
              <Form.Item label="发文机关名称" required name="authorityName" rules={[zodRule(requiredText('发文机关名称', 40))]}>
                <Input maxLength={40} />
              </Form.Item>
              <Form.Item
                label="廉政意见回复代字"
                required
                name={['docPrefixes', 'opinionReply']}
                rules={[zodRule(docPrefix('廉政意见回复代字'))]}
                extra={`文号示例：${exampleDocNumber(opinionPrefix, '×纪廉复')}`}
              >
                <Input maxLength={20} />
              </Form.Item>
              <Form.Item
                label="廉洁提醒函代字"
                required
                name={['docPrefixes', 'reminderLetter']}
                rules={[zodRule(docPrefix('廉洁提醒函代字'))]}
                extra={`文号示例：${exampleDocNumber(reminderPrefix, '×纪廉提')}`}
              >
                <Input maxLength={20} />
              </Form.Item>
              {isAdmin ? (
                <Button type="primary" htmlType="submit" loading={update.isPending}>
                  保存设置
                </Button>
              ) : null}
            </Form>
          ) : null}
        </Card>
        <OpinionSettingsCard />
        <LetterSettingsCard />
        <ImpactRulesCard />
        <StatisticsSettingsCard />
        <SecurityPolicyCard />
        <Card size="small" title="程序与数据">
          {info.data ? (
            <Descriptions column={1} size="small" bordered styles={{ label: { width: 160 } }}>
              <Descriptions.Item label="数据文件夹">
                <Typography.Text copyable={{ tooltips: ['复制', '已复制'] }} data-testid="data-dir">
                  {info.data.dataDir}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="数据库文件">
                <Typography.Text copyable={{ tooltips: ['复制', '已复制'] }} data-testid="database-file">
                  {info.data.databaseFile}
                </Typography.Text>
              </Descriptions.Item>
              <Descriptions.Item label="程序版本">{info.data.version}</Descriptions.Item>
              <Descriptions.Item label="数据库结构版本">{info.data.schemaVersion}</Descriptions.Item>
              <Descriptions.Item label="运行方式">{info.data.shell === 'electron' ? '桌面程序' : '浏览器模式（本机）'}</Descriptions.Item>
            </Descriptions>
          ) : null}
        </Card>
      </Space>
    </div>
  );
}
