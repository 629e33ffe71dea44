import { Alert, App, Button, Checkbox, Col, Divider, Form, Input, Row, Typography } from 'antd';
import { useState } from 'react';
import { z } from 'zod';
import { docPrefix } from '../../../core/settings/contract';
import { setupInitializeInput } from '../../../core/setup/contract';
import { requiredText } from '../../../core/shared/fields';
import { password, username } from '../../../core/users/contract';
import { call } from '../../api/client';
import { useAuth } from '../../app/auth';
import { exampleDocNumber } from '../../lib/format';
import { isComposingKey, useCompositionFlag } from '../../lib/ime';
import { parseForm, showServerError, zodRule } from '../../lib/zodForm';
import { AuthFrame } from './AuthFrame';

const confirmRule = z.string({ error: '请再次输入密码' }).min(1, { error: '请再次输入密码' });

const FIELDS = [
  'authorityName',
  'docPrefixes.opinionReply',
  'docPrefixes.reminderLetter',
  'adminUsername',
  'adminDisplayName',
  'adminPassword',
  'adminPasswordConfirm',
  'adminHoldsAllRoles',
] as const;

export function SetupPage() {
  const { reload } = useAuth();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { composing, handlers } = useCompositionFlag();
  const opinionPrefix = Form.useWatch(['docPrefixes', 'opinionReply'], form) as string | undefined;
  const reminderPrefix = Form.useWatch(['docPrefixes', 'reminderLetter'], form) as string | undefined;

  const submit = async (values: unknown) => {
    setError(null);
    const input = parseForm(form, setupInitializeInput, values, FIELDS);
    if (!input) return;
    setBusy(true);
    try {
      await call('setup.initialize', input);
      message.success('首次设置已完成，请用管理员账号登录。');
      await reload(); // → the login screen
    } catch (e) {
      setError(showServerError(form, e, FIELDS));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title="清廉台账 · 首次设置" subtitle="填写本机关信息并创建管理员账号，完成后即可登录使用。" width={640}>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form
        name="setup"
        form={form}
        layout="vertical"
        validateTrigger="onBlur"
        initialValues={{ adminHoldsAllRoles: true }}
        onFinish={submit}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && isComposingKey(e, composing.current)) e.preventDefault();
        }}
        {...handlers}
      >
        <Typography.Title level={5}>发文机关</Typography.Title>
        <Form.Item
          label="发文机关名称"
          required
          name="authorityName"
          rules={[zodRule(requiredText('发文机关名称', 40))]}
          extra="印在函件顶部，例如“中共××市纪律检查委员会”或“××县纪委监委”"
        >
          <Input autoFocus placeholder="例如：××县纪委监委" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              label="廉政意见回复代字"
              required
              name={['docPrefixes', 'opinionReply']}
              rules={[zodRule(docPrefix('廉政意见回复代字'))]}
              extra={<span data-testid="opinion-example">文号示例：{exampleDocNumber(opinionPrefix, '×纪廉复')}</span>}
            >
              <Input placeholder="例如：×纪廉复" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              label="廉洁提醒函代字"
              required
              name={['docPrefixes', 'reminderLetter']}
              rules={[zodRule(docPrefix('廉洁提醒函代字'))]}
              extra={<span data-testid="reminder-example">文号示例：{exampleDocNumber(reminderPrefix, '×纪廉提')}</span>}
            >
              <Input placeholder="例如：×纪廉提" />
            </Form.Item>
          </Col>
        </Row>
        <Divider style={{ margin: '8px 0 16px' }} />
        <Typography.Title level={5}>管理员账号</Typography.Title>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item label="用户名" required name="adminUsername" rules={[zodRule(username)]} extra="登录时使用，如 admin">
              <Input autoComplete="username" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="姓名" required name="adminDisplayName" rules={[zodRule(requiredText('管理员姓名', 20))]}>
              <Input />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="密码" required name="adminPassword" rules={[zodRule(password)]} extra="至少8位，须同时包含字母和数字">
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item label="再次输入密码" required name="adminPasswordConfirm" rules={[zodRule(confirmRule)]}>
              <Input.Password autoComplete="new-password" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="adminHoldsAllRoles" valuePropName="checked" extra="人员较少的机关，管理员通常也负责承办、审核和签发。">
          <Checkbox>同时担任承办人、审核人、签发人</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          完成设置
        </Button>
      </Form>
    </AuthFrame>
  );
}
