/**
 * New / edit pledge campaign (批次). 类型 from the usual types or the clerk's own; choosing
 * a type fills a default 承诺书正文, 名称 and whether a family member co-signs (廉洁过节 家属,
 * 任前廉政承诺 配偶) — unless the clerk already changed them. Checked with the contract's
 * schemas; server messages on the fields; a failed save keeps what was typed.
 */
import { Checkbox, Col, Form, Input, InputNumber, Row, Select } from 'antd';
import { useRef, useState } from 'react';
import {
  CAMPAIGN_FIELDS,
  PLEDGE_TYPES,
  campaignsCreateInput,
  type CampaignDetail,
  type StoredCampaign,
} from '../../../core/pledges/contract';
import { useApiMutation } from '../../api/hooks';
import { DateInput } from '../../components/DateInput';
import { FormModal } from '../../components/FormModal';
import { todayIso } from '../../lib/dates';
import { freshPerOpening } from '../../lib/freshPerOpening';
import { parseForm, showServerError, zodRule } from '../../lib/zodForm';
import { defaultCosigner, defaultTemplate, defaultTitle } from './templates';

const F = campaignsCreateInput.shape;
const FIELDS = CAMPAIGN_FIELDS;
const CUSTOM = '__custom__';

/** Each campaign field as the form holds it (blank: null); 类型 is picked or typed. */
type FormValues = { [K in Exclude<keyof StoredCampaign, 'pledgeType'>]?: StoredCampaign[K] | null } & {
  typeChoice?: string;
  customType?: string;
};

export interface CampaignFormModalProps {
  open: boolean;
  /** null: a new campaign. */
  campaign: CampaignDetail | null;
  onClose: () => void;
  onSaved?: (c: CampaignDetail) => void;
}

export const CampaignFormModal = freshPerOpening(CampaignFormDialog);

function initialOf(c: CampaignDetail | null): FormValues {
  if (!c) {
    const today = todayIso();
    return { year: Number(today.slice(0, 4)), startDate: today, needsCosigner: false, cosignerLabel: null, targetRate: 100 };
  }
  const known = (PLEDGE_TYPES as readonly string[]).includes(c.pledgeType);
  return {
    ...Object.fromEntries(CAMPAIGN_FIELDS.map((f) => [f, c[f]])),
    typeChoice: known ? c.pledgeType : CUSTOM,
    customType: known ? undefined : c.pledgeType,
  };
}

const typeOf = (v: FormValues) => (v.typeChoice === CUSTOM ? (v.customType ?? '') : (v.typeChoice ?? ''));

function CampaignFormDialog({ open, campaign, onClose, onSaved }: CampaignFormModalProps) {
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const isNew = campaign === null;
  const create = useApiMutation('pledgeCampaigns.create');
  const update = useApiMutation('pledgeCampaigns.update');
  const choice = Form.useWatch('typeChoice', form);
  const needsCosigner = Form.useWatch('needsCosigner', form);
  /** The type the defaults were last filled for (a filled default may be replaced; typed text is kept). */
  const filledFor = useRef<string>(campaign?.pledgeType ?? '');

  const applyTypeDefaults = () => {
    const v = form.getFieldsValue();
    const type = typeOf(v);
    const before = filledFor.current;
    const text = v.templateText?.trim() ?? '';
    if (!text || text === defaultTemplate(before).trim()) form.setFieldValue('templateText', defaultTemplate(type));
    if (!v.title?.trim() || v.title === defaultTitle(before, v.year)) form.setFieldValue('title', defaultTitle(type, v.year));
    const co = defaultCosigner(type);
    form.setFieldsValue({ needsCosigner: co.needed, cosignerLabel: co.label });
    filledFor.current = type;
  };

  const save = async (raw: FormValues) => {
    setError(null);
    const { typeChoice: _choice, customType: _custom, ...fields } = raw;
    const values = {
      ...fields,
      pledgeType: typeOf(raw),
      year: raw.year ?? undefined,
      startDate: raw.startDate ?? undefined,
      needsCosigner: !!raw.needsCosigner,
      cosignerLabel: raw.needsCosigner ? (raw.cosignerLabel ?? null) : null,
      targetRate: raw.targetRate ?? null, // empty is refused (请填写), never quietly 100
    };
    const typeCheck = F.pledgeType.safeParse(values.pledgeType);
    const input = parseForm(form, campaignsCreateInput, values, FIELDS);
    if (!typeCheck.success) {
      form.setFields([
        {
          name: raw.typeChoice === CUSTOM ? 'customType' : 'typeChoice',
          errors: [typeCheck.error.issues[0]?.message ?? '请填写承诺书类型'],
        },
      ]);
    }
    if (!input) {
      setError('请按提示修改标红的项目后再保存。');
      return;
    }
    try {
      const saved = isNew ? await create.mutateAsync(input) : await update.mutateAsync({ ...input, id: campaign.id, rev: campaign.rev });
      onSaved?.(saved);
      onClose();
    } catch (e) {
      setError(showServerError(form, e, FIELDS));
    }
  };

  return (
    <FormModal
      open={open}
      title={isNew ? '新建承诺批次' : '修改承诺批次'}
      form={form}
      onCancel={onClose}
      saving={create.isPending || update.isPending}
      error={error}
      width={760}
    >
      <Form<FormValues>
        form={form}
        name="campaign"
        layout="vertical"
        initialValues={initialOf(campaign)}
        validateTrigger="onBlur"
        onFinish={save}
        onFinishFailed={() => setError('请按提示修改标红的项目后再保存。')}
        autoComplete="off"
      >
        <Row gutter={16}>
          <Col span={choice === CUSTOM ? 10 : 16}>
            <Form.Item label="承诺书类型" name="typeChoice" required>
              <Select
                placeholder="请选择"
                options={[...PLEDGE_TYPES.map((t) => ({ value: t, label: `${t}承诺书` })), { value: CUSTOM, label: '其他（自定义类型）' }]}
                onChange={(v) => {
                  form.setFieldValue('typeChoice', v);
                  if (v !== CUSTOM) applyTypeDefaults();
                }}
              />
            </Form.Item>
          </Col>
          {choice === CUSTOM ? (
            <Col span={6}>
              <Form.Item label="自定义类型" name="customType" required rules={[zodRule(F.pledgeType)]}>
                <Input maxLength={30} placeholder="如：家庭助廉" onBlur={applyTypeDefaults} />
              </Form.Item>
            </Col>
          ) : null}
          {/* No min/max on the number fields: antd would quietly turn a typed 120 into 100 on
              blur and save that; the contract's rule says what is wrong instead. */}
          <Col span={8}>
            <Form.Item label="年度" name="year" required rules={[zodRule(F.year, (v) => v ?? undefined)]}>
              <InputNumber<number> style={{ width: '100%' }} suffix="年" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item label="批次名称" name="title" required rules={[zodRule(F.title)]}>
              <Input maxLength={100} placeholder="如：2025年不操办升学宴谢师宴承诺" />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item label="开始日期" name="startDate" required rules={[zodRule(F.startDate, (v) => v ?? undefined)]}>
              <DateInput />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item
              label="目标签订率"
              name="targetRate"
              required
              rules={[zodRule(F.targetRate, (v) => v ?? null)]}
              extra="名单中须签订的比例；未达到的批次列在工作台。"
            >
              <InputNumber<number> style={{ width: '100%' }} suffix="%" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              label="承诺书正文"
              name="templateText"
              required
              rules={[zodRule(F.templateText)]}
              extra="打印承诺书时使用；选择类型后自动填入参考文本，可修改。"
            >
              <Input.TextArea autoSize={{ minRows: 6, maxRows: 16 }} maxLength={10000} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="needsCosigner" valuePropName="checked">
              <Checkbox>需家属共同签名</Checkbox>
            </Form.Item>
          </Col>
          {needsCosigner ? (
            <Col span={12}>
              <Form.Item label="共同签名人称谓" name="cosignerLabel" rules={[zodRule(F.cosignerLabel)]}>
                <Input maxLength={10} placeholder="如：家属、配偶" />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Form>
    </FormModal>
  );
}
