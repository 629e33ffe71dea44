/** 设置 › 账号安全: password rules and the idle lock's delay (administrators edit; core/auth/policy.ts). */
import { Alert, App, Button, Card, Checkbox, Form, InputNumber } from 'antd';
import { useState } from 'react';
import { describePasswordPolicy, securityPolicySchema, type SecurityPolicy } from '../../../core/auth/policy';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useIsAdmin } from '../../app/auth';
import { parseForm, showServerError, wholeNumberRule } from '../../lib/zodForm';

const FIELDS = ['minLength', 'requireMixedCase', 'requireSymbol', 'forbidUsername', 'idleLockMinutes'] as const;

export function SecurityPolicyCard() {
  const isAdmin = useIsAdmin();
  const { message } = App.useApp();
  const policy = useApiQuery('securityPolicy.get', {});
  const update = useApiMutation('securityPolicy.update');
  const [form] = Form.useForm<SecurityPolicy>();
  const [error, setError] = useState<string | null>(null);

  return (
    <Card size="small" title="账号安全">
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      {policy.data ? (
        <Form<SecurityPolicy>
          name="securityPolicy"
          form={form}
          layout="vertical"
          disabled={!isAdmin}
          initialValues={policy.data}
          style={{ maxWidth: 560 }}
          onFinish={async (values) => {
            setError(null);
            const input = parseForm(form, securityPolicySchema, values, FIELDS);
            if (!input) return;
            try {
              await update.mutateAsync(input);
              message.success('账号安全设置已保存');
            } catch (e) {
              setError(showServerError(form, e, FIELDS));
            }
          }}
        >
          <Form.Item
            label="密码最短长度"
            name="minLength"
            rules={[wholeNumberRule('密码最短长度', securityPolicySchema.shape.minLength)]}
            extra={`现行规则：${describePasswordPolicy(policy.data)}`}
          >
            <InputNumber suffix="位" />
          </Form.Item>
          <Form.Item name="requireMixedCase" valuePropName="checked" style={{ marginBottom: 4 }}>
            <Checkbox>须同时包含大写和小写字母</Checkbox>
          </Form.Item>
          <Form.Item name="requireSymbol" valuePropName="checked" style={{ marginBottom: 4 }}>
            <Checkbox>须包含特殊符号</Checkbox>
          </Form.Item>
          <Form.Item name="forbidUsername" valuePropName="checked">
            <Checkbox>不能包含用户名</Checkbox>
          </Form.Item>
          <Form.Item
            label="无操作自动锁屏"
            name="idleLockMinutes"
            rules={[wholeNumberRule('无操作自动锁屏', securityPolicySchema.shape.idleLockMinutes)]}
            extra="填 0 表示不自动锁屏。锁屏后须输入密码继续，未保存的内容仍保留。"
          >
            <InputNumber suffix="分钟" />
          </Form.Item>
          {isAdmin ? (
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              保存账号安全设置
            </Button>
          ) : null}
        </Form>
      ) : null}
    </Card>
  );
}
