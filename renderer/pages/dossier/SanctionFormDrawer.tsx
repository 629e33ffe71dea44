/**
 * 登记 / 修改 a sanction (处分/处理). Validated in the form with the contract's own schema
 * (cross-field rules too: 生效日期 not before 决定日期, 留党察看 needs its 察看期, …);
 * server field errors land on the fields; a failed save keeps everything typed.
 */
import { Col, Form, Input, Row, Select, App } from 'antd';
import { useState } from 'react';
import { sanctionsCreateInput, type Sanction } from '../../../core/sanctions/contract';
import {
  CATEGORY_LABELS,
  PROBATION_MONTHS,
  SANCTION_CATEGORIES,
  SANCTION_STATUSES,
  SANCTION_TYPES,
  type SanctionCategory,
  type SanctionStatus,
} from '../../../core/sanctions/kinds';
import { useApiMutation } from '../../api/hooks';
import { DateInput } from '../../components/DateInput';
import { FormDrawer } from '../../components/FormDrawer';
import { parseForm, showServerError, zodRule } from '../../lib/zodForm';

const FIELDS = [
  'category',
  'type',
  'decisionAuthority',
  'decisionNumber',
  'decisionDate',
  'effectiveDate',
  'probationMonths',
  'restorationDate',
  'status',
  'statusDate',
  'summary',
] as const;

const shape = sanctionsCreateInput.shape;

interface Values {
  category?: SanctionCategory;
  type?: string;
  decisionAuthority?: string;
  decisionNumber?: string | null;
  decisionDate?: string | null;
  effectiveDate?: string | null;
  probationMonths?: number | null;
  restorationDate?: string | null;
  status?: SanctionStatus;
  statusDate?: string | null;
  summary?: string | null;
}

function toValues(s: Sanction): Values {
  return {
    category: s.category,
    type: s.type,
    decisionAuthority: s.decisionAuthority,
    decisionNumber: s.decisionNumber,
    decisionDate: s.decisionDate,
    effectiveDate: s.effectiveDate,
    probationMonths: s.probationMonths,
    restorationDate: s.restorationDate,
    status: s.status,
    statusDate: s.statusDate,
    summary: s.summary,
  };
}

export interface SanctionFormDrawerProps {
  open: boolean;
  personId: string;
  personName: string;
  /** null: a new record. */
  sanction: Sanction | null;
  onClose: () => void;
}

export function SanctionFormDrawer({ open, personId, personName, sanction, onClose }: SanctionFormDrawerProps) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const create = useApiMutation('sanctions.create');
  const update = useApiMutation('sanctions.update');
  const saving = create.isPending || update.isPending;
  const category = Form.useWatch('category', form);
  const type = Form.useWatch('type', form);
  const status = Form.useWatch('status', form);
  const probation = category === 'party' && type === '留党察看';

  const close = () => {
    setError(null);
    onClose();
  };

  const save = async (raw: Values) => {
    setError(null);
    const values = { ...raw, personId };
    const input = parseForm(form, sanctionsCreateInput, values, FIELDS);
    if (!input) {
      setError('请按提示修改标红的项目后再保存。');
      return;
    }
    try {
      if (sanction) await update.mutateAsync({ ...input, id: sanction.id, rev: sanction.rev });
      else await create.mutateAsync(input);
      message.success(sanction ? '处分记录已保存' : '处分记录已登记');
      close();
    } catch (e) {
      setError(showServerError(form, e, FIELDS));
    }
  };

  return (
    <FormDrawer
      open={open}
      title={`${sanction ? '修改' : '登记'}处分/处理 · ${personName}`}
      form={form}
      onCancel={close}
      saving={saving}
      error={error}
      width={640}
    >
      <Form<Values>
        name="sanction"
        form={form}
        layout="vertical"
        validateTrigger="onBlur"
        initialValues={sanction ? toValues(sanction) : { status: '有效' }}
        preserve={false}
        autoComplete="off"
        onFinish={save}
        onFinishFailed={() => setError('请按提示修改标红的项目后再保存。')}
        onValuesChange={(changed: Partial<Values>) => {
          if ('category' in changed) {
            const types = changed.category ? SANCTION_TYPES[changed.category] : [];
            const current = form.getFieldValue('type') as string | undefined;
            if (!current || !types.includes(current)) form.setFieldValue('type', types.length === 1 ? types[0] : undefined);
          }
          if ('status' in changed && changed.status === '有效') form.setFieldValue('statusDate', null);
        }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="处分类别" name="category" rules={[zodRule(shape.category)]}>
              <Select placeholder="请选择" options={SANCTION_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="处分种类" name="type" rules={[zodRule(shape.type)]}>
              <Select
                placeholder={category ? '请选择' : '请先选择处分类别'}
                disabled={!category}
                options={(category ? SANCTION_TYPES[category] : []).map((t) => ({ value: t, label: t }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="决定机关" name="decisionAuthority" rules={[zodRule(shape.decisionAuthority)]}>
              <Input maxLength={60} placeholder="如 县纪委、县监委" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="决定文号" name="decisionNumber" rules={[zodRule(shape.decisionNumber)]}>
              <Input maxLength={60} placeholder="如 县纪发〔2025〕3号" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="决定日期" name="decisionDate" rules={[zodRule(shape.decisionDate)]}>
              <DateInput />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="生效日期" name="effectiveDate" rules={[zodRule(shape.effectiveDate)]} extra="影响期自生效之日起计算">
              <DateInput />
            </Form.Item>
          </Col>
          {probation ? (
            <>
              <Col span={12}>
                <Form.Item label="察看期" name="probationMonths">
                  <Select placeholder="请选择" options={PROBATION_MONTHS.map((m) => ({ value: m, label: `${m}个月` }))} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  label="恢复党员权利日期"
                  name="restorationDate"
                  rules={[zodRule(shape.restorationDate)]}
                  extra="尚未恢复的可暂不填写"
                >
                  <DateInput />
                </Form.Item>
              </Col>
            </>
          ) : null}
          <Col span={12}>
            <Form.Item label="状态" name="status" rules={[zodRule(shape.status)]}>
              <Select options={SANCTION_STATUSES.map((s) => ({ value: s, label: s }))} />
            </Form.Item>
          </Col>
          {status && status !== '有效' ? (
            <Col span={12}>
              <Form.Item label={status === '已解除' ? '解除日期' : '撤销日期'} name="statusDate" rules={[zodRule(shape.statusDate)]}>
                <DateInput />
              </Form.Item>
            </Col>
          ) : null}
          <Col span={24}>
            <Form.Item label="主要事实" name="summary" rules={[zodRule(shape.summary)]}>
              <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={1000} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </FormDrawer>
  );
}
