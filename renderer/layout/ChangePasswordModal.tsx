import { App, Form, Input } from 'antd';
import { authChangePasswordInput, password } from '../../core/users/contract';
import { useApiMutation } from '../api/hooks';
import { FormModal } from '../components/FormModal';
import { useFormSave } from '../lib/useFormSave';
import { zodRule } from '../lib/zodForm';

const FIELDS = ['oldPassword', 'newPassword', 'newPasswordConfirm'] as const;

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const change = useApiMutation('auth.changePassword');
  const { error, setError, save } = useFormSave(form, FIELDS);

  const close = () => {
    setError(null);
    onClose();
  };

  return (
    <FormModal open={open} title="修改密码" form={form} onCancel={close} saving={change.isPending} error={error} width={440}>
      <Form
        name="changePassword"
        form={form}
        layout="vertical"
        validateTrigger="onBlur"
        preserve={false}
        onFinish={async (values) => {
          if (!(await save(authChangePasswordInput, values, change.mutateAsync))) return;
          message.success('密码已修改，下次登录请使用新密码。');
          close();
        }}
      >
        <Form.Item label="原密码" name="oldPassword" rules={[{ required: true, message: '请填写原密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item label="新密码" required name="newPassword" rules={[zodRule(password)]} extra="至少8位，须同时包含字母和数字">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label="再次输入新密码" name="newPasswordConfirm" rules={[{ required: true, message: '请再次输入新密码' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
