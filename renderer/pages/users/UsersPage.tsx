/** 账号管理 (administrators): accounts, their roles, enabling, password resets. */
import { Alert, App, Button, Checkbox, Form, Input, Result, Space, Switch, Table, Tag } from 'antd';
import { z } from 'zod';
import { requiredText } from '../../../core/shared/fields';
import {
  ROLES,
  ROLE_LABELS,
  password,
  roleList,
  username,
  usersCreateInput,
  usersResetPasswordInput,
  usersUpdateInput,
  type Role,
  type UserSummary,
} from '../../../core/users/contract';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useIsAdmin } from '../../app/auth';
import { FormModal } from '../../components/FormModal';
import { formatDate } from '../../lib/format';
import { useDialog } from '../../lib/useDialog';
import { useFormSave } from '../../lib/useFormSave';
import { zodRule } from '../../lib/zodForm';
import { PageHeader } from '../PageHeader';

const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** The form asks for the password twice; the contract takes it once. */
const passwordConfirm = { passwordConfirm: z.string({ error: '请再次输入密码' }) };
const samePassword = (v: { password: string; passwordConfirm: string }) => v.password === v.passwordConfirm;
const mismatch = () => ({ error: '两次输入的密码不一致', path: ['passwordConfirm'] });
const createForm = usersCreateInput.extend(passwordConfirm).refine(samePassword, mismatch());
const resetForm = usersResetPasswordInput.extend(passwordConfirm).refine(samePassword, mismatch());

export function UsersPage() {
  const isAdmin = useIsAdmin();
  const list = useApiQuery('users.list', {}, { enabled: isAdmin });
  const creating = useDialog();
  const editing = useDialog<UserSummary>();
  const resetting = useDialog<UserSummary>();

  if (!isAdmin) return <Result status="403" title="没有权限" subTitle="账号管理只对管理员开放。" />;

  return (
    <div>
      <PageHeader
        title="账号管理"
        extra={
          <Button type="primary" onClick={() => creating.open(true)}>
            新增账号
          </Button>
        }
      />
      {list.error ? <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} /> : null}
      <Table<UserSummary>
        rowKey="id"
        size="middle"
        loading={list.isFetching}
        dataSource={list.data ?? []}
        pagination={false}
        columns={[
          { title: '用户名', dataIndex: 'username' },
          { title: '姓名', dataIndex: 'displayName' },
          {
            title: '角色',
            dataIndex: 'roles',
            render: (roles: Role[]) => roles.map((r) => <Tag key={r}>{ROLE_LABELS[r]}</Tag>),
          },
          { title: '状态', dataIndex: 'active', width: 80, render: (a: boolean) => (a ? <Tag color="green">启用</Tag> : <Tag>停用</Tag>) },
          { title: '创建日期', dataIndex: 'createdAt', width: 140, render: (v: string) => formatDate(v) },
          {
            title: '操作',
            key: 'actions',
            width: 170,
            render: (_v, u) => (
              <Space size={4}>
                <Button type="link" size="small" onClick={() => editing.open(u)}>
                  编辑
                </Button>
                <Button type="link" size="small" onClick={() => resetting.open(u)}>
                  重置密码
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <CreateUserModal key={creating.key} open={creating.isOpen} onClose={creating.close} />
      <EditUserModal key={editing.key} user={editing.value} onClose={editing.close} />
      <ResetPasswordModal key={resetting.key} user={resetting.value} onClose={resetting.close} />
    </div>
  );
}

function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const create = useApiMutation('users.create');
  const { error, save } = useFormSave(form, ['username', 'displayName', 'password', 'passwordConfirm', 'roles']);
  return (
    <FormModal open={open} title="新增账号" form={form} onCancel={onClose} saving={create.isPending} error={error} width={480}>
      <Form
        name="userCreate"
        form={form}
        layout="vertical"
        validateTrigger="onBlur"
        preserve={false}
        // No role is ticked for the clerk: an account gets exactly the roles the administrator chose
        // (a review-only account once got 承办人 from a default).
        initialValues={{ roles: [] }}
        onFinish={async (values) => {
          const saved = await save(createForm, values, ({ username, displayName, password, roles }) =>
            create.mutateAsync({ username, displayName, password, roles }),
          );
          if (!saved) return;
          message.success(`已新增账号“${saved.value.username}”`);
          onClose();
        }}
      >
        <Form.Item label="用户名" required name="username" rules={[zodRule(username)]}>
          <Input autoFocus autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" required name="displayName" rules={[zodRule(requiredText('姓名', 20))]}>
          <Input />
        </Form.Item>
        <Form.Item label="初始密码" required name="password" rules={[zodRule(password)]} extra="至少8位，须同时包含字母和数字">
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label="再次输入密码" name="passwordConfirm" rules={[{ required: true, message: '请再次输入密码' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item label="角色" required name="roles" rules={[zodRule(roleList)]}>
          <Checkbox.Group options={ROLE_OPTIONS} />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function EditUserModal({ user, onClose }: { user: UserSummary | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const update = useApiMutation('users.update');
  const { error, save } = useFormSave(form, ['displayName', 'roles', 'active']);
  return (
    <FormModal
      open={user !== null}
      title={user ? `编辑账号“${user.username}”` : ''}
      form={form}
      onCancel={onClose}
      saving={update.isPending}
      error={error}
      width={480}
    >
      <Form
        name="userEdit"
        form={form}
        initialValues={user ? { displayName: user.displayName, roles: user.roles, active: user.active } : undefined}
        layout="vertical"
        validateTrigger="onBlur"
        preserve={false}
        onFinish={async (values: Record<string, unknown>) => {
          if (!user || !(await save(usersUpdateInput, { ...values, id: user.id, rev: user.rev }, update.mutateAsync))) return;
          message.success('账号已保存');
          onClose();
        }}
      >
        <Form.Item label="姓名" required name="displayName" rules={[zodRule(requiredText('姓名', 20))]}>
          <Input autoFocus />
        </Form.Item>
        <Form.Item label="角色" required name="roles" rules={[zodRule(roleList)]}>
          <Checkbox.Group options={ROLE_OPTIONS} />
        </Form.Item>
        <Form.Item label="启用" name="active" valuePropName="checked" extra="停用后该账号不能登录，已登录的会被退出">
          <Switch checkedChildren="启用" unCheckedChildren="停用" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}

function ResetPasswordModal({ user, onClose }: { user: UserSummary | null; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const reset = useApiMutation('users.resetPassword');
  const { error, save } = useFormSave(form, ['password', 'passwordConfirm']);
  return (
    <FormModal
      open={user !== null}
      title={user ? `重置“${user.displayName}”的密码` : ''}
      form={form}
      onCancel={onClose}
      saving={reset.isPending}
      error={error}
      width={440}
    >
      <Form
        name="userReset"
        form={form}
        layout="vertical"
        validateTrigger="onBlur"
        preserve={false}
        onFinish={async (values: Record<string, unknown>) => {
          if (!user || !(await save(resetForm, { ...values, id: user.id }, ({ password }) => reset.mutateAsync({ id: user.id, password }))))
            return;
          message.success('密码已重置，该账号需用新密码重新登录。');
          onClose();
        }}
      >
        <Form.Item label="新密码" required name="password" rules={[zodRule(password)]} extra="至少8位，须同时包含字母和数字">
          <Input.Password autoFocus autoComplete="new-password" />
        </Form.Item>
        <Form.Item label="再次输入新密码" name="passwordConfirm" rules={[{ required: true, message: '请再次输入密码' }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </FormModal>
  );
}
