/**
 * New / edit 廉洁提醒函 (drafts only). Every field of core/reminders/contract.ts, checked
 * with the contract's own schemas (same Chinese messages as the server); server field
 * errors land on the fields and a failed save keeps everything typed.
 *
 * "沿用往年": for the chosen 节点, last year's issued letter (reminderLetters.lastForOccasion
 * before this form's 年度) is copied into a new draft (reminderLetters.copy), which then
 * opens here for editing.
 */
import {
  Alert,
  App,
  AutoComplete,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import {
  LETTER_FIELDS,
  OCCASIONS,
  REMINDER_KINDS,
  remindersCreateInput,
  type LetterValues,
  type Occasion,
  type ReminderDetail,
} from '../../../core/reminders/contract';
import { call } from '../../api/client';
import { ApiError, errorMessage } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { DateInput } from '../../components/DateInput';
import { PersonMultiPicker, type PickedPerson } from '../../components/PersonMultiPicker';
import { UnitMultiSelect } from '../../components/UnitMultiSelect';
import { cnDate, todayIso } from '../../lib/dates';
import { parseForm, showServerError, zodRule } from '../../lib/zodForm';
import { PageHeader } from '../PageHeader';
import { KeyPointsField } from './KeyPointsField';
import { REMINDER_PATHS, reminderEditPath, reminderPath } from './paths';

/** The schema of each letter field (the contract's object inside its create intersection). */
const LETTER = remindersCreateInput.def.left.shape;
const FIELDS = [...Object.keys(LETTER), 'unitIds', 'persons'];

export const DELIVERY_METHODS = ['机要交换', '当面送达', '电子公文系统', '邮寄'];

/** Each letter field as the form holds it (blank: null), with the addressees. */
type FormValues = { [K in Exclude<keyof LetterValues, 'attachments'>]?: LetterValues[K] | null } & {
  /** A line being typed may still be empty. */
  attachments?: (string | undefined)[];
  unitIds?: string[];
  persons?: PickedPerson[];
};

function toFormValues(d: ReminderDetail): FormValues {
  return {
    ...Object.fromEntries(LETTER_FIELDS.map((f) => [f, d[f]])),
    unitIds: d.addressees.flatMap((a) => (a.unitId ? [a.unitId] : [])),
    persons: d.addressees.flatMap((a) => (a.personId ? [{ id: a.personId, label: a.name }] : [])),
  };
}

function newLetterDefaults(): FormValues {
  const today = todayIso();
  return { kind: '节日提醒', year: Number(today.slice(0, 4)), letterDate: today, keyPoints: [], attachments: [], unitIds: [], persons: [] };
}

/** The values as the contract wants them (blank attachment lines dropped; 反馈期限 only for 工作提醒函). */
function toInput({ persons, ...v }: FormValues) {
  return {
    ...v,
    year: v.year ?? undefined,
    letterDate: v.letterDate ?? undefined,
    keyPoints: v.keyPoints ?? [],
    attachments: (v.attachments ?? []).map((a) => a?.trim() ?? '').filter(Boolean),
    feedbackDueDate: v.kind === '工作提醒函' ? (v.feedbackDueDate ?? null) : null,
    unitIds: v.unitIds ?? [],
    personIds: (persons ?? []).map((p) => p.id),
  };
}

export function ReminderFormPage() {
  const { id } = useParams<{ id: string }>();
  // A new id (after 沿用往年) mounts a fresh form.
  return <ReminderForm key={id ?? 'new'} letterId={id ?? null} />;
}

function ReminderForm({ letterId }: { letterId: string | null }) {
  const isNew = letterId === null;
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [copying, setCopying] = useState(false);

  const existing = useApiQuery('reminderLetters.get', { id: letterId ?? '' }, { enabled: !isNew, staleTime: 0, gcTime: 0 });
  const create = useApiMutation('reminderLetters.create');
  const update = useApiMutation('reminderLetters.update');
  const setAddressees = useApiMutation('reminderLetters.setAddressees');
  const saving = create.isPending || update.isPending || setAddressees.isPending;

  // The record the form was filled from, taken once: an update quotes its revision.
  const [base, setBase] = useState<ReminderDetail | null>(null);
  if (!isNew && existing.data && base === null) setBase(existing.data);
  const initialValues = isNew ? newLetterDefaults() : base ? toFormValues(base) : null;
  const kind = Form.useWatch('kind', form);

  const save = async (raw: FormValues) => {
    setError(null);
    const values = toInput(raw);
    const parsed = parseForm(form, remindersCreateInput, values, FIELDS);
    if (!parsed) {
      setError('请按提示修改标红的项目后再保存。');
      return;
    }
    try {
      if (isNew) {
        const saved = await create.mutateAsync(parsed);
        message.success('提醒函已保存为拟稿');
        navigate(reminderPath(saved.id));
        return;
      }
      const { unitIds, personIds, ...letter } = parsed;
      // The letter, then its addressees (a second call: a refused addressee change keeps the saved text).
      const saved = await update.mutateAsync({ ...letter, id: letterId, rev: base?.rev ?? 0 });
      setBase(saved);
      await setAddressees.mutateAsync({ id: letterId, unitIds, personIds });
      message.success('已保存修改');
      navigate(reminderPath(letterId));
    } catch (e) {
      if (e instanceof ApiError && e.fields?.personIds) form.setFields([{ name: 'persons', errors: [e.fields.personIds] }]);
      setError(showServerError(form, e, FIELDS));
    }
  };

  const reuseLastYear = async () => {
    setError(null);
    const occasion = form.getFieldValue('occasion') as Occasion | undefined;
    const year = form.getFieldValue('year') as number | null | undefined;
    if (!occasion) {
      form.setFields([{ name: 'occasion', errors: ['请先选择节点，再沿用往年的提醒函'] }]);
      return;
    }
    if (!year) {
      form.setFields([{ name: 'year', errors: ['请先填写年度'] }]);
      return;
    }
    setCopying(true);
    try {
      const last = await call('reminderLetters.lastForOccasion', { occasion, beforeYear: year });
      if (!last) {
        message.info(`没有找到${year}年以前“${occasion}”节点已印发的提醒函。`);
        return;
      }
      const letterDate = (form.getFieldValue('letterDate') as string | null) ?? todayIso();
      modal.confirm({
        title: '沿用往年的提醒函？',
        content: (
          <div data-testid="reuse-source">
            <p>
              {last.year}年《{last.title}》（{last.docNumber ?? '无文号'}，{cnDate(last.letterDate)}）
            </p>
            <p>
              将以它为底稿新建{year}年的拟稿：标题和正文中的年份改为{year}年，严禁事项、附件、抄送和主送对象照搬，成文日期为
              {cnDate(letterDate)}。
            </p>
          </div>
        ),
        okText: '沿用',
        cancelText: '取消',
        onOk: async () => {
          try {
            const copy = await call('reminderLetters.copy', { sourceId: last.id, year, letterDate });
            message.success('已按往年提醒函新建拟稿，请核对后保存');
            navigate(reminderEditPath(copy.id), { replace: true });
          } catch (e) {
            setError(errorMessage(e));
          }
        },
      });
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setCopying(false);
    }
  };

  const title = isNew ? '新建提醒函' : '修改提醒函';
  if (!isNew && (existing.error || (base && base.status !== 'draft'))) {
    return (
      <div>
        <PageHeader title={title} />
        <Alert
          type="error"
          showIcon
          title={
            existing.error
              ? existing.error.message
              : `该提醒函已${base?.status === 'issued' ? `印发（${base.docNumber}）` : '作废'}，不能修改。`
          }
          action={<Button onClick={() => navigate(letterId ? reminderPath(letterId) : REMINDER_PATHS.list)}>返回</Button>}
        />
      </div>
    );
  }

  return (
    <div>
      <PageHeader
        title={title}
        extra={
          <Button onClick={() => navigate(isNew ? REMINDER_PATHS.list : reminderPath(letterId))} disabled={saving}>
            返回
          </Button>
        }
      />
      {initialValues === null ? (
        <Spin tip="正在读取…">
          <div style={{ height: 240 }} />
        </Spin>
      ) : (
        <Form<FormValues>
          form={form}
          name="reminder"
          layout="vertical"
          initialValues={initialValues}
          validateTrigger="onBlur"
          onFinish={save}
          onFinishFailed={() => setError('请按提示修改标红的项目后再保存。')}
          autoComplete="off"
          style={{ maxWidth: 1080 }}
        >
          {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
          {base?.derivedFromId ? (
            <Alert
              type="info"
              showIcon
              title="本拟稿沿用自往年的提醒函，请核对标题、正文、提醒期间和主送对象。"
              style={{ marginBottom: 16 }}
            />
          ) : null}
          <Card size="small" title="提醒函内容" style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col span={24}>
                <Form.Item label="标题" name="title" required rules={[zodRule(LETTER.title)]}>
                  <Input maxLength={100} placeholder="如：关于2025年中秋国庆期间严明纪律要求的廉洁提醒函" autoFocus={isNew} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item label="类型" name="kind" required rules={[zodRule(LETTER.kind)]}>
                  <Radio.Group options={REMINDER_KINDS.map((k) => ({ value: k, label: k }))} optionType="button" />
                </Form.Item>
              </Col>
              <Col span={10}>
                <Form.Item label="节点" required>
                  <Space.Compact style={{ width: '100%' }}>
                    <Form.Item name="occasion" noStyle rules={[zodRule(LETTER.occasion)]}>
                      <Select<Occasion>
                        aria-label="节点"
                        placeholder="请选择"
                        options={OCCASIONS.map((o) => ({ value: o, label: o }))}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                    {isNew ? (
                      <Button onClick={() => void reuseLastYear()} loading={copying}>
                        沿用往年
                      </Button>
                    ) : null}
                  </Space.Compact>
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label="年度" name="year" required rules={[zodRule(LETTER.year, (v) => v ?? undefined)]}>
                  <InputNumber<number> style={{ width: '100%' }} suffix="年" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item label="成文日期" name="letterDate" required rules={[zodRule(LETTER.letterDate, (v) => v ?? undefined)]}>
                  <DateInput />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item label="提醒期间起" name="periodFrom" rules={[zodRule(LETTER.periodFrom)]}>
                  <DateInput placeholder="可不填" />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item label="提醒期间止" name="periodTo" rules={[zodRule(LETTER.periodTo)]}>
                  <DateInput placeholder="可不填" />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item label="严禁事项" name="keyPoints" extra="勾选本函要列出的事项；清单中没有的可直接添加。">
                  <KeyPointsField />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item label="正文" name="body" required rules={[zodRule(LETTER.body)]}>
                  <Input.TextArea
                    autoSize={{ minRows: 8, maxRows: 24 }}
                    maxLength={10000}
                    showCount
                    placeholder="如：中秋、国庆将至，为进一步严明纪律要求……"
                  />
                </Form.Item>
              </Col>
              <Col span={24}>
                <Form.Item label="附件" extra="每行一个附件名称，最多10个。">
                  <Form.List name="attachments">
                    {(fields, { add, remove }) => (
                      <Space orientation="vertical" style={{ width: '100%' }}>
                        {fields.map((f, i) => (
                          <Flex key={f.key} gap={8} align="center">
                            <Typography.Text style={{ width: 24 }}>{i + 1}.</Typography.Text>
                            <Form.Item name={f.name} noStyle>
                              <Input aria-label={`附件${i + 1}`} maxLength={100} placeholder="附件名称" />
                            </Form.Item>
                            <Button type="link" danger onClick={() => remove(f.name)}>
                              删除
                            </Button>
                          </Flex>
                        ))}
                        {fields.length < 10 ? <Button onClick={() => add('')}>添加附件</Button> : null}
                      </Space>
                    )}
                  </Form.List>
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label="抄送" name="copyTo" rules={[zodRule(LETTER.copyTo)]}>
                  <Input maxLength={200} placeholder="可不填" />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label="签发人" name="signer" rules={[zodRule(LETTER.signer)]}>
                  <Input maxLength={20} />
                </Form.Item>
              </Col>
              <Col span={6}>
                <Form.Item label="送达方式" name="deliveryMethod" rules={[zodRule(LETTER.deliveryMethod)]}>
                  <AutoComplete options={DELIVERY_METHODS.map((m) => ({ value: m }))} placeholder="如：机要交换" maxLength={30} />
                </Form.Item>
              </Col>
              {kind === '工作提醒函' ? (
                <Col span={8}>
                  <Form.Item
                    label="反馈期限"
                    name="feedbackDueDate"
                    required
                    extra="工作提醒函须在此日期前书面反馈"
                    rules={[zodRule(LETTER.feedbackDueDate)]}
                  >
                    <DateInput />
                  </Form.Item>
                </Col>
              ) : null}
            </Row>
          </Card>
          <Card size="small" title="主送对象" style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col span={12}>
                <Form.Item label="主送单位" name="unitIds" rules={[zodRule(remindersCreateInput.def.right.shape.unitIds)]}>
                  <UnitMultiSelect />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item label="主送人员" name="persons">
                  <PersonMultiPicker />
                </Form.Item>
              </Col>
            </Row>
            <Typography.Text type="secondary">印发前须至少选择一个主送单位或人员；印发后仍可增加主送对象。</Typography.Text>
          </Card>
          <Space>
            <Button type="primary" onClick={() => form.submit()} loading={saving}>
              {isNew ? '保存为拟稿' : '保存'}
            </Button>
            <Button onClick={() => navigate(isNew ? REMINDER_PATHS.list : reminderPath(letterId))} disabled={saving}>
              取消
            </Button>
          </Space>
        </Form>
      )}
    </div>
  );
}
