/** 澄清正名 of one person: when, how (会议/书面/通报), which matter it closes, which unit was told. */
import { App, Button, Col, Form, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { CLEARANCE_FORMS, clearancesCreateInput, type Clearance } from '../../../core/clearances/contract';
import { PENDING_KIND_LABELS, type PendingMatter } from '../../../core/pendingMatters/contract';
import { useApiMutation } from '../../api/hooks';
import { DateInput } from '../../components/DateInput';
import { FormModal } from '../../components/FormModal';
import { formatDate } from '../../lib/format';
import { useCan } from '../../lib/permissions';
import { parseForm, showServerError, zodRule } from '../../lib/zodForm';
import { RecordTable } from './RecordTable';

const FIELDS = ['pendingMatterId', 'clearDate', 'form', 'unitInformed', 'notes'] as const;
const shape = clearancesCreateInput.shape;
type Values = Partial<Pick<Clearance, 'pendingMatterId' | 'clearDate' | 'form' | 'unitInformed' | 'notes'>>;

function ClearanceModal({
  personId,
  personName,
  matters,
  record,
  onClose,
}: {
  personId: string;
  personName: string;
  matters: PendingMatter[];
  record: Clearance | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const create = useApiMutation('clearances.create');
  const update = useApiMutation('clearances.update');
  const save = async (raw: Values) => {
    setError(null);
    const input = parseForm(form, clearancesCreateInput, { ...raw, personId }, FIELDS);
    if (!input) return setError('请按提示修改标红的项目后再保存。');
    try {
      if (record) await update.mutateAsync({ ...input, id: record.id, rev: record.rev });
      else await create.mutateAsync(input);
      message.success(record ? '澄清正名记录已保存' : '澄清正名已登记');
      onClose();
    } catch (e) {
      setError(showServerError(form, e, FIELDS));
    }
  };
  return (
    <FormModal
      open
      title={`${record ? '修改' : '登记'}澄清正名 · ${personName}`}
      form={form}
      onCancel={onClose}
      saving={create.isPending || update.isPending}
      error={error}
      width={640}
    >
      <Form<Values>
        name="clearance"
        form={form}
        layout="vertical"
        validateTrigger="onBlur"
        initialValues={record ?? {}}
        preserve={false}
        autoComplete="off"
        onFinish={save}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="澄清日期" name="clearDate" rules={[zodRule(shape.clearDate)]}>
              <DateInput />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="澄清方式" name="form" rules={[zodRule(shape.form)]}>
              <Select placeholder="请选择" options={CLEARANCE_FORMS.map((f) => ({ value: f, label: f }))} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="所澄清的事项" name="pendingMatterId" extra="经核查反映不实的信访举报或问题线索">
              <Select
                allowClear
                placeholder="请选择（可不选）"
                options={matters.map((m) => ({
                  value: m.id,
                  label: `${PENDING_KIND_LABELS[m.kind]}（${formatDate(m.receivedDate)}受理）${m.summary ? `：${m.summary.slice(0, 30)}` : ''}`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="澄清范围（告知单位）" name="unitInformed" rules={[zodRule(shape.unitInformed)]}>
              <Input maxLength={100} placeholder="如 市财政局党组" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="备注" name="notes" rules={[zodRule(shape.notes)]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}

export function ClearancesTab({
  personId,
  personName,
  records,
  matters,
}: {
  personId: string;
  personName: string;
  records: Clearance[];
  matters: PendingMatter[];
}) {
  const can = useCan();
  const [editing, setEditing] = useState<{ key: number; record: Clearance | null } | null>(null);
  const remove = useApiMutation('clearances.delete');
  return (
    <div>
      {can('clearances.create') ? (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setEditing({ key: Date.now(), record: null })}>
          登记澄清正名
        </Button>
      ) : null}
      <RecordTable<Clearance>
        rows={records}
        mayEdit={can('clearances.update')}
        emptyText="没有澄清正名记录"
        onEdit={(record) => setEditing({ key: Date.now(), record })}
        onDelete={(r) => remove.mutateAsync({ id: r.id })}
        deleteTitle={(r) => `删除${formatDate(r.clearDate)}的澄清正名记录？`}
        columns={[
          { title: '澄清日期', dataIndex: 'clearDate', key: 'clearDate', width: 140, render: (v: string) => formatDate(v) },
          { title: '方式', dataIndex: 'form', key: 'form', width: 80 },
          { title: '所澄清的事项', dataIndex: 'matterLabel', key: 'matter', width: 220 },
          { title: '告知单位', dataIndex: 'unitInformed', key: 'unitInformed' },
          { title: '备注', dataIndex: 'notes', key: 'notes', ellipsis: true },
        ]}
      />
      {editing ? (
        <ClearanceModal
          key={editing.key}
          personId={personId}
          personName={personName}
          matters={matters}
          record={editing.record}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}
