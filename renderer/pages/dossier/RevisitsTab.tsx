/** 暖心回访 of one sanctioned person: which sanction it follows up, when, who visited, what was found. */
import { App, Button, Col, Form, Input, Row, Select } from 'antd';
import { useState } from 'react';
import { revisitsCreateInput, type Revisit } from '../../../core/revisits/contract';
import type { Sanction } from '../../../core/sanctions/contract';
import { CATEGORY_LABELS } from '../../../core/sanctions/kinds';
import { useApiMutation } from '../../api/hooks';
import { DateInput } from '../../components/DateInput';
import { FormModal } from '../../components/FormModal';
import { formatDate } from '../../lib/format';
import { useCan } from '../../lib/permissions';
import { parseForm, showServerError, zodRule } from '../../lib/zodForm';
import { RecordTable } from './RecordTable';

const FIELDS = ['sanctionId', 'visitDate', 'visitors', 'notes'] as const;
const shape = revisitsCreateInput.shape;
type Values = Partial<Pick<Revisit, 'sanctionId' | 'visitDate' | 'visitors' | 'notes'>>;

function RevisitModal({
  personId,
  personName,
  sanctions,
  record,
  onClose,
}: {
  personId: string;
  personName: string;
  sanctions: Sanction[];
  record: Revisit | null;
  onClose: () => void;
}) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const create = useApiMutation('revisits.create');
  const update = useApiMutation('revisits.update');
  const save = async (raw: Values) => {
    setError(null);
    const input = parseForm(form, revisitsCreateInput, { ...raw, personId }, FIELDS);
    if (!input) return setError('请按提示修改标红的项目后再保存。');
    try {
      if (record) await update.mutateAsync({ ...input, id: record.id, rev: record.rev });
      else await create.mutateAsync(input);
      message.success(record ? '回访记录已保存' : '暖心回访已登记');
      onClose();
    } catch (e) {
      setError(showServerError(form, e, FIELDS));
    }
  };
  const initial = record ?? (sanctions.length === 1 ? { sanctionId: sanctions[0]!.id } : {});
  return (
    <FormModal
      open
      title={`${record ? '修改' : '登记'}暖心回访 · ${personName}`}
      form={form}
      onCancel={onClose}
      saving={create.isPending || update.isPending}
      error={error}
      width={640}
    >
      <Form<Values>
        name="revisit"
        form={form}
        layout="vertical"
        validateTrigger="onBlur"
        initialValues={initial}
        preserve={false}
        autoComplete="off"
        onFinish={save}
      >
        <Row gutter={16}>
          <Col span={24}>
            <Form.Item label="跟进的处分" name="sanctionId" rules={[zodRule(shape.sanctionId)]}>
              <Select
                placeholder="请选择"
                options={sanctions.map((s) => ({
                  value: s.id,
                  label: `${CATEGORY_LABELS[s.category]}·${s.type}（${formatDate(s.decisionDate)}决定）`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="回访日期" name="visitDate" rules={[zodRule(shape.visitDate)]}>
              <DateInput />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="回访人" name="visitors" rules={[zodRule(shape.visitors)]}>
              <Input maxLength={60} placeholder="如 案管室张某、李某" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="回访情况" name="notes" rules={[zodRule(shape.notes)]}>
              <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} placeholder="思想状况、工作表现、意见建议等" />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormModal>
  );
}

export function RevisitsTab({
  personId,
  personName,
  records,
  sanctions,
}: {
  personId: string;
  personName: string;
  records: Revisit[];
  sanctions: Sanction[];
}) {
  const can = useCan();
  const [editing, setEditing] = useState<{ key: number; record: Revisit | null } | null>(null);
  const remove = useApiMutation('revisits.delete');
  const visitable = sanctions.filter((s) => s.status !== '已撤销');
  return (
    <div>
      {can('revisits.create') ? (
        <Button
          type="primary"
          style={{ marginBottom: 12 }}
          disabled={!visitable.length}
          title={visitable.length ? undefined : '该人员没有处分记录，无需回访'}
          onClick={() => setEditing({ key: Date.now(), record: null })}
        >
          登记暖心回访
        </Button>
      ) : null}
      <RecordTable<Revisit>
        rows={records}
        mayEdit={can('revisits.update')}
        emptyText="没有暖心回访记录"
        onEdit={(record) => setEditing({ key: Date.now(), record })}
        onDelete={(r) => remove.mutateAsync({ id: r.id })}
        deleteTitle={(r) => `删除${formatDate(r.visitDate)}的回访记录？`}
        columns={[
          { title: '回访日期', dataIndex: 'visitDate', key: 'visitDate', width: 140, render: (v: string) => formatDate(v) },
          { title: '跟进的处分', dataIndex: 'sanctionLabel', key: 'sanction', width: 260 },
          { title: '回访人', dataIndex: 'visitors', key: 'visitors', width: 160 },
          { title: '回访情况', dataIndex: 'notes', key: 'notes', ellipsis: true },
        ]}
      />
      {editing ? (
        <RevisitModal
          key={editing.key}
          personId={personId}
          personName={personName}
          sanctions={visitable}
          record={editing.record}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </div>
  );
}
