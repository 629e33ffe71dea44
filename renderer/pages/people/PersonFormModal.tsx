/**
 * New / edit person. Every field of core/people/contract.ts, validated in the form with
 * the contract's own schemas (same Chinese messages as the server), server field errors
 * shown on the fields, and nothing the clerk typed is lost when a save fails (including
 * a stale revision: CONFLICT).
 */
import { Button, Col, Form, Input, Row, Select, Spin, App } from 'antd';
import { useState } from 'react';
import {
  GENDERS,
  PERSON_CATEGORIES,
  PERSON_FIELDS,
  POLITICAL_STATUSES,
  personFields,
  personInput,
  type Person,
  type PersonValues,
} from '../../../core/people/contract';
import { ApiError } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { FormModal } from '../../components/FormModal';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { normalizeMonthInput } from '../../lib/format';
import { freshPerOpening } from '../../lib/freshPerOpening';
import { fillForm, parseForm, showServerError, zodRule } from '../../lib/zodForm';

const toOptions = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));

type FormValues = Partial<Record<keyof PersonValues, string | null>>;

/** The stored record as form values: every field of the contract, none listed by hand. */
const toFormValues = (p: Person): FormValues => Object.fromEntries(PERSON_FIELDS.map((k) => [k, p[k]]));

export interface PersonFormModalProps {
  open: boolean;
  /** null: a new person. */
  personId: string | null;
  /** Preset for a new person (e.g. the unit selected in the filter). */
  defaults?: FormValues;
  onClose: () => void;
  onSaved?: (person: Person) => void;
}

/** Use anywhere a person is created or edited; each opening starts from the record as stored. */
export const PersonFormModal = freshPerOpening(PersonFormDialog);

function PersonFormDialog({ open, personId, defaults, onClose, onSaved }: PersonFormModalProps) {
  const [form] = Form.useForm<FormValues>();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const isNew = personId === null;

  const existing = useApiQuery('people.get', { id: personId ?? '' }, { enabled: open && !isNew, staleTime: 0, gcTime: 0 });
  const create = useApiMutation('people.create');
  const update = useApiMutation('people.update');
  const saving = create.isPending || update.isPending;

  /**
   * The record the form was filled from: an update quotes its revision. Taken once
   * (a refetch must not overwrite what is being typed); "载入最新内容" replaces it.
   */
  const [base, setBase] = useState<Person | null>(null);
  if (!isNew && existing.data && base === null) setBase(existing.data);
  const initialValues = isNew ? (defaults ?? {}) : base ? toFormValues(base) : null;

  const reloadLatest = async () => {
    const fresh = await existing.refetch();
    if (fresh.data) {
      setBase(fresh.data);
      fillForm(form, toFormValues(fresh.data));
      setError(null);
      setStale(false);
    }
  };

  const save = async (raw: FormValues) => {
    setError(null);
    const values = { ...raw, birthMonth: normalizeMonthInput(raw.birthMonth ?? '') };
    form.setFieldValue('birthMonth', values.birthMonth);
    const input = parseForm(form, personInput, values, PERSON_FIELDS);
    if (!input) {
      setError('请按提示修改标红的项目后再保存。');
      return;
    }
    try {
      const saved = isNew ? await create.mutateAsync(input) : await update.mutateAsync({ ...input, id: personId, rev: base?.rev ?? 0 });
      message.success(isNew ? `已添加“${saved.name}”` : `已保存“${saved.name}”的修改`);
      onSaved?.(saved);
      onClose();
    } catch (e) {
      setError(showServerError(form, e, PERSON_FIELDS));
      if (e instanceof ApiError && e.code === 'CONFLICT' && !isNew && !e.fields) setStale(true);
    }
  };

  const loading = initialValues === null && !existing.error;

  return (
    <FormModal
      open={open}
      title={isNew ? '新增人员' : '编辑人员'}
      form={form}
      onCancel={onClose}
      saving={saving}
      loading={loading}
      error={error ?? (existing.error ? existing.error.message : null)}
      width={780}
      extraFooter={
        stale ? (
          <Button onClick={() => void reloadLatest()} disabled={saving}>
            载入最新内容（放弃本次修改）
          </Button>
        ) : null
      }
    >
      {initialValues === null ? (
        <Spin spinning={loading} tip="正在读取…">
          <div style={{ height: 240 }} />
        </Spin>
      ) : (
        <Form<FormValues>
          initialValues={initialValues}
          name="person"
          form={form}
          layout="vertical"
          validateTrigger="onBlur"
          onFinish={save}
          onFinishFailed={() => setError('请按提示修改标红的项目后再保存。')}
          preserve={false}
          autoComplete="off"
        >
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item label="姓名" name="name" required rules={[zodRule(personFields.name)]}>
                <Input autoFocus maxLength={20} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="性别" name="gender" rules={[zodRule(personFields.gender)]}>
                <Select allowClear options={toOptions(GENDERS)} placeholder="请选择" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item
                label="出生年月"
                name="birthMonth"
                rules={[zodRule(personFields.birthMonth, normalizeMonthInput)]}
                extra="如 1980-05，也可输入 198005"
              >
                <Input
                  placeholder="1980-05"
                  maxLength={10}
                  onBlur={(e) => {
                    const v = normalizeMonthInput(e.target.value);
                    if (v !== e.target.value) form.setFieldValue('birthMonth', v);
                  }}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="身份证号" name="idNumber" rules={[zodRule(personFields.idNumber)]}>
                <Input maxLength={18} placeholder="18位，可不填" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="单位" name="unitId">
                <UnitTreeSelect />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="职务" name="position" rules={[zodRule(personFields.position)]}>
                <Input maxLength={60} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item label="职级/层次" name="rank" rules={[zodRule(personFields.rank)]}>
                <Input maxLength={30} placeholder="如 四级调研员、正科级" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="政治面貌" name="politicalStatus" rules={[zodRule(personFields.politicalStatus)]}>
                <Select allowClear options={toOptions(POLITICAL_STATUSES)} placeholder="请选择" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="人员类别" name="category" rules={[zodRule(personFields.category)]}>
                <Select allowClear options={toOptions(PERSON_CATEGORIES)} placeholder="请选择" />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item label="管理权限" name="managementLevel" rules={[zodRule(personFields.managementLevel)]}>
                <Input maxLength={30} placeholder="如 市管、县管" />
              </Form.Item>
            </Col>
            <Col span={24}>
              <Form.Item label="备注" name="notes" rules={[zodRule(personFields.notes)]} style={{ marginBottom: 0 }}>
                <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
              </Form.Item>
            </Col>
          </Row>
        </Form>
      )}
    </FormModal>
  );
}
