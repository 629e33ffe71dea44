/**
 * 回避 (administrators only): the accounts that must not see this person. The core hides
 * the person and every record about them from those accounts everywhere, counts included
 * (core/recusal); this tab only keeps the list.
 */
import { Alert, App, Button, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import type { PersonRecusal } from '../../../core/recusal/contract';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useCurrentUser } from '../../app/auth';
import { formatDate } from '../../lib/format';

const REASONS = ['近亲属', '本人', '其他利害关系'] as const;

export function RecusalTab({ personId, personName }: { personId: string; personName: string }) {
  const { message, modal } = App.useApp();
  const me = useCurrentUser();
  const current = useApiQuery('recusals.get', { personId });
  const users = useApiQuery('users.list', {});
  const save = useApiMutation('recusals.set');
  const [picked, setPicked] = useState<string[] | null>(null);
  const [reason, setReason] = useState<string>(REASONS[0]);
  const chosen = picked ?? current.data?.map((r) => r.userId) ?? [];

  const submit = async () => {
    try {
      await save.mutateAsync({ personId, userIds: chosen, reason });
      setPicked(null);
      message.success('回避设置已保存');
    } catch (e) {
      message.error((e as Error).message);
    }
  };
  const confirmAndSave = () => {
    if (!chosen.includes(me.id)) return void submit();
    modal.confirm({
      title: '确认把自己列为回避人？',
      content: `保存后您将看不到“${personName}”及其全部记录，也不能再修改此处的设置，须由其他管理员撤销。`,
      okText: '确认保存',
      cancelText: '取消',
      onOk: submit,
    });
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Alert
        type="info"
        showIcon
        title="被列为回避的账号，在人员库、档案、意见回复、提醒函、承诺书、统计、导出和打印中都看不到此人及其全部记录，也不能对其拟办、审核或签发。"
      />
      <Table<PersonRecusal>
        rowKey="userId"
        size="small"
        loading={current.isLoading}
        dataSource={current.data ?? []}
        pagination={false}
        locale={{ emptyText: '没有须回避的账号' }}
        columns={[
          { title: '账号', dataIndex: 'username', key: 'username', width: 160 },
          { title: '姓名', dataIndex: 'displayName', key: 'displayName', width: 160 },
          { title: '原因', dataIndex: 'reason', key: 'reason', width: 140, render: (v: string | null) => v ?? '—' },
          { title: '指定日期', dataIndex: 'since', key: 'since', render: (v: string) => formatDate(v) },
        ]}
      />
      <Space wrap>
        <Typography.Text>须回避的账号</Typography.Text>
        <Select
          mode="multiple"
          aria-label="须回避的账号"
          style={{ minWidth: 360 }}
          placeholder="选择账号"
          value={chosen}
          onChange={setPicked}
          loading={users.isLoading}
          options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
          optionFilterProp="label"
        />
        <Typography.Text>原因</Typography.Text>
        <Select
          aria-label="回避原因"
          style={{ width: 160 }}
          value={reason}
          onChange={setReason}
          options={REASONS.map((r) => ({ value: r, label: r }))}
        />
        <Button type="primary" loading={save.isPending} onClick={confirmAndSave}>
          保存回避设置
        </Button>
      </Space>
    </Space>
  );
}
