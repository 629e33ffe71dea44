import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { authLoginInput } from '../../../core/users/contract';
import { call } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useAuth } from '../../app/auth';
import { isComposingKey, useCompositionFlag } from '../../lib/ime';
import { parseForm } from '../../lib/zodForm';
import { AuthFrame } from './AuthFrame';

export function LoginPage() {
  const { state, loggedIn } = useAuth();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { composing, handlers } = useCompositionFlag();
  const authorityName = state.status === 'login' ? state.authorityName : null;
  const notice = state.status === 'login' ? state.notice : undefined;

  const submit = async (values: unknown) => {
    setError(null);
    const input = parseForm(form, authLoginInput, values, ['username', 'password']);
    if (!input) return;
    setBusy(true);
    try {
      loggedIn(await call('auth.login', input));
    } catch (e) {
      setError(errorMessage(e));
      form.setFieldValue('password', '');
      form.getFieldInstance('password')?.focus?.();
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title="清廉台账" subtitle={authorityName ?? undefined} width={400}>
      {notice && !error ? <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} /> : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Form
        name="login"
        form={form}
        layout="vertical"
        onFinish={submit}
        requiredMark={false}
        onKeyDown={(e) => {
          // Enter that picks an IME candidate (Chinese user names) must not log in.
          if (e.key === 'Enter' && isComposingKey(e, composing.current)) e.preventDefault();
        }}
        {...handlers}
      >
        <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请填写用户名' }]}>
          <Input autoFocus autoComplete="username" size="large" />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请填写密码' }]}>
          <Input.Password autoComplete="current-password" size="large" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={busy}>
          登录
        </Button>
      </Form>
    </AuthFrame>
  );
}
