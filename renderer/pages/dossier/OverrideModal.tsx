/**
 * 调整影响期: replace the computed end of one bar (提拔/进一步使用, or 评先评优) with a
 * date or 长期, always with a reason; or go back to the computed end. The computed end
 * stays visible beside the adjusted one.
 */
import { App, Descriptions, Form, Input, Radio } from 'antd';
import { useState } from 'react';
import { sanctionsOverrideInput, type Sanction } from '../../../core/sanctions/contract';
import { CATEGORY_LABELS } from '../../../core/sanctions/kinds';
import { useApiMutation } from '../../api/hooks';
import { DateInput } from '../../components/DateInput';
import { FormModal } from '../../components/FormModal';
import { applyFieldErrors, issuesToFields, showServerError } from '../../lib/zodForm';
import { endText } from '../opinions/labels';

type Which = 'promotion' | 'commendation';
type Mode = 'date' | 'permanent' | 'clear';

interface Values {
  which: Which;
  mode: Mode;
  date?: string | null;
  reason?: string;
}

const FORM_FIELDS = ['which', 'date', 'reason'] as const;
export const WHICH_LABELS: Record<Which, string> = { promotion: '提拔/进一步使用', commendation: '评先评优' };

function current(s: Sanction, which: Which) {
  return which === 'promotion'
    ? { computed: s.computed.promotionEnd, override: s.override.promotionEnd, reason: s.override.promotionReason }
    : { computed: s.computed.commendationEnd, override: s.override.commendationEnd, reason: s.override.commendationReason };
}

function initialFor(s: Sanction, which: Which): Values {
  const c = current(s, which);
  if (c.override === null) return { which, mode: 'date', date: null, reason: '' };
  return {
    which,
    mode: c.override === 'permanent' ? 'permanent' : 'date',
    date: c.override === 'permanent' ? null : c.override,
    reason: c.reason ?? '',
  };
}

export function OverrideModal({ sanction, initialWhich, onClose }: { sanction: Sanction; initialWhich: Which; onClose: () => void }) {
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const override = useApiMutation('sanctions.override');
  const which = (Form.useWatch('which', form) as Which | undefined) ?? initialWhich;
  const mode = (Form.useWatch('mode', form) as Mode | undefined) ?? initialFor(sanction, initialWhich).mode;
  const c = current(sanction, which);

  const save = async (values: Values) => {
    setError(null);
    const result = sanctionsOverrideInput.safeParse({
      id: sanction.id,
      rev: sanction.rev,
      which: values.which,
      end: values.mode === 'clear' ? null : values.mode === 'permanent' ? 'permanent' : (values.date ?? ''),
      reason: values.mode === 'clear' ? null : values.reason,
    });
    if (!result.success) {
      // The contract's `end` is the date field here.
      const fields = Object.fromEntries(Object.entries(issuesToFields(result.error)).map(([k, v]) => [k === 'end' ? 'date' : k, v]));
      applyFieldErrors(form, fields, FORM_FIELDS);
      setError('请按提示修改标红的项目后再保存。');
      return;
    }
    const input = result.data;
    try {
      await override.mutateAsync(input);
      message.success(input.end === null ? '已恢复为计算的影响期' : '影响期已调整');
      onClose();
    } catch (e) {
      setError(showServerError(form, e, FORM_FIELDS));
    }
  };

  return (
    <FormModal
      open
      title={`调整影响期 · ${CATEGORY_LABELS[sanction.category]}·${sanction.type}`}
      form={form}
      onCancel={onClose}
      saving={override.isPending}
      error={error}
      width={600}
    >
      <Form<Values>
        name="override"
        form={form}
        layout="vertical"
        initialValues={initialFor(sanction, initialWhich)}
        onFinish={save}
        autoComplete="off"
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.which) form.setFieldsValue(initialFor(sanction, changed.which));
        }}
      >
        <Form.Item label="调整哪一项" name="which">
          <Radio.Group
            optionType="button"
            options={(['promotion', 'commendation'] as const).map((w) => ({ value: w, label: `${WHICH_LABELS[w]}影响期` }))}
          />
        </Form.Item>
        <Descriptions size="small" column={1} bordered style={{ marginBottom: 16 }} styles={{ label: { width: 140 } }}>
          <Descriptions.Item label="计算结果">
            <span data-testid="override-computed">{endText(c.computed)}</span>
          </Descriptions.Item>
          <Descriptions.Item label="当前调整">
            {c.override === null ? '未调整' : `${endText(c.override)}（理由：${c.reason ?? ''}）`}
          </Descriptions.Item>
        </Descriptions>
        <Form.Item label="调整为" name="mode">
          <Radio.Group
            options={[
              { value: 'date', label: '指定日期' },
              { value: 'permanent', label: '长期' },
              ...(c.override !== null ? [{ value: 'clear', label: '取消调整（恢复计算结果）' }] : []),
            ]}
          />
        </Form.Item>
        {mode === 'date' ? (
          <Form.Item label="影响期截止日（最后一日）" name="date">
            <DateInput />
          </Form.Item>
        ) : null}
        {mode !== 'clear' ? (
          <Form.Item label="调整理由" name="reason" required extra="如：依据××党委会议决定、经复核……">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={500} />
          </Form.Item>
        ) : null}
      </Form>
    </FormModal>
  );
}
