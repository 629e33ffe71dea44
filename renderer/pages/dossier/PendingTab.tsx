/** 在查事项 of one person: petitions, leads and cases with their status; add / edit / delete. */
import { App, AutoComplete, Button, Col, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import {
  PENDING_EVENT_LABELS,
  PENDING_KINDS,
  PENDING_KIND_LABELS,
  PENDING_STATUSES,
  pendingCreateInput,
  type PendingMatter,
} from '../../../core/pendingMatters/contract';
import { errorMessage } from '../../api/errors';
import { useApiMutation } from '../../api/hooks';
import { DateInput } from '../../components/DateInput';
import { FormModal } from '../../components/FormModal';
import { formatDate } from '../../lib/format';
import { useCan } from '../../lib/permissions';
import { parseForm, showServerError, zodRule } from '../../lib/zodForm';

const FIELDS = ['kind', 'source', 'receivedDate', 'summary', 'status', 'closedDate', 'closingResult'] as const;
const shape = pendingCreateInput.shape;
const SOURCES = ['信访举报', '上级交办', '巡视巡察移交', '审计移交', '监督检查发现', '案件审查发现', '其他'];

type Values = Partial<Pick<PendingMatter, 'kind' | 'source' | 'receivedDate' | 'summary' | 'status' | 'closedDate' | 'closingResult'>>;

function PendingFormModal({
  personId,
  personName,
  matter,
  onClose,
}: {
  personId: string;
  personName: string;
  matter: PendingMatter | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const create = useApiMutation('pendingMatters.create');
  const update = useApiMutation('pendingMatters.update');
  const status = Form.useWatch('status', form);

  const save = async (raw: Values) => {
    setError(null);
    const input = parseForm(form, pendingCreateInput, { ...raw, personId }, FIELDS);
    if (!input) {
      setError('请按提示修改标红的项目后再保存。');
      return;
    }
    try {
      if (matter) await update.mutateAsync({ ...input, id: matter.id, rev: matter.rev });
      else await create.mutateAsync(input);
      message.success(matter ? '在查事项已保存' : '在查事项已登记');
      onClose();
    } catch (e) {
      setError(showServerError(form, e, FIELDS));
    }
  };

  return (
    <FormModal
      open
      title={`${matter ? '修改' : '登记'}在查事项 · ${personName}`}
      form={form}
      onCancel={onClose}
      saving={create.isPending || update.isPending}
      error={error}
      width={640}
    >
      <Form<Values>
        name="pending"
        form={form}
        layout="vertical"
        validateTrigger="onBlur"
        initialValues={matter ?? { status: '在办' }}
        preserve={false}
        autoComplete="off"
        onFinish={save}
        onFinishFailed={() => setError('请按提示修改标红的项目后再保存。')}
        onValuesChange={(changed: Values) => {
          if (changed.status === '在办') form.setFieldsValue({ closedDate: null, closingResult: null });
        }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="事项类别" name="kind" rules={[zodRule(shape.kind)]}>
              <Select placeholder="请选择" options={PENDING_KINDS.map((k) => ({ value: k, label: PENDING_KIND_LABELS[k] }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="来源" name="source" rules={[zodRule(shape.source)]}>
              <AutoComplete options={SOURCES.map((s) => ({ value: s }))} placeholder="如 信访举报、巡察移交" maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="受理日期" name="receivedDate" rules={[zodRule(shape.receivedDate)]}>
              <DateInput />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="状态" name="status" rules={[zodRule(shape.status)]}>
              <Select options={PENDING_STATUSES.map((s) => ({ value: s, label: s }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="反映的主要问题" name="summary" rules={[zodRule(shape.summary)]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
            </Form.Item>
          </Col>
          {status === '已办结' ? (
            <>
              <Col span={12}>
                <Form.Item label="办结日期" name="closedDate" rules={[zodRule(shape.closedDate)]}>
                  <DateInput />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item label="办结结果" name="closingResult" rules={[zodRule(shape.closingResult)]}>
                  <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} placeholder="如 了结、予以澄清、给予诫勉" />
                </Form.Item>
              </Col>
            </>
          ) : null}
        </Row>
      </Form>
    </FormModal>
  );
}

export function PendingTab({ personId, personName, matters }: { personId: string; personName: string; matters: PendingMatter[] }) {
  const { modal, message } = App.useApp();
  const can = useCan();
  const [editing, setEditing] = useState<{ key: number; matter: PendingMatter | null } | null>(null);
  const remove = useApiMutation('pendingMatters.delete');
  const mayEdit = can('pendingMatters.update');

  const columns: TableProps<PendingMatter>['columns'] = [
    { title: '类别', dataIndex: 'kind', key: 'kind', width: 130, render: (k: PendingMatter['kind']) => PENDING_KIND_LABELS[k] },
    { title: '来源', dataIndex: 'source', key: 'source', width: 130 },
    { title: '受理日期', dataIndex: 'receivedDate', key: 'receivedDate', width: 130, render: (v: string) => formatDate(v) },
    { title: '主要问题', dataIndex: 'summary', key: 'summary', ellipsis: true },
    {
      title: '办理经过',
      key: 'history',
      width: 200,
      render: (_v, m) => (
        <div data-testid="pending-history" style={{ fontSize: 12 }}>
          {m.history.map((e, i) => (
            <div key={i}>
              {formatDate(e.date)} {PENDING_EVENT_LABELS[e.kind]}
            </div>
          ))}
        </div>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 90,
      render: (v: PendingMatter['status']) => <Tag color={v === '在办' ? 'orange' : 'default'}>{v}</Tag>,
    },
    {
      title: '办结日期/结果',
      key: 'closed',
      width: 200,
      render: (_v, m) =>
        m.status === '已办结' ? (
          <div>
            <div>{formatDate(m.closedDate)}</div>
            <Typography.Text type="secondary">{m.closingResult}</Typography.Text>
          </div>
        ) : null,
    },
    ...(mayEdit
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 120,
            render: (_v: unknown, m: PendingMatter) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setEditing({ key: Date.now(), matter: m })}>
                  修改
                </Button>
                <Button
                  type="link"
                  size="small"
                  danger
                  onClick={() =>
                    modal.confirm({
                      title: `删除这条${PENDING_KIND_LABELS[m.kind]}？`,
                      content: `${formatDate(m.receivedDate)}受理。删除后不再参与廉政意见核查。`,
                      okText: '删除',
                      okButtonProps: { danger: true },
                      cancelText: '取消',
                      onOk: async () => {
                        try {
                          await remove.mutateAsync({ id: m.id });
                          message.success('在查事项已删除');
                        } catch (e) {
                          message.error(errorMessage(e));
                        }
                      },
                    })
                  }
                >
                  删除
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <div>
      {can('pendingMatters.create') ? (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setEditing({ key: Date.now(), matter: null })}>
          登记在查事项
        </Button>
      ) : null}
      <Table<PendingMatter>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={matters}
        pagination={false}
        locale={{ emptyText: '没有在查事项' }}
      />
      {editing ? (
        <PendingFormModal
          key={editing.key}
          personId={personId}
          personName={personName}
          matter={editing.matter}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}
