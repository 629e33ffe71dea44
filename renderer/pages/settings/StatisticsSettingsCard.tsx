/** 设置 › 统计口径: which letters count as “两函一书”, which handling counts as “第一种形态”, the 暖心回访 period (administrators edit). */
import { Alert, App, Button, Card, Checkbox, Form, InputNumber, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { OCCASIONS, REMINDER_KINDS } from '../../../core/reminders/contract';
import { ALL_SANCTION_KEYS, statisticsSettingsSchema } from '../../../core/statistics/settingsContract';
import { errorMessage } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useCan } from '../../lib/permissions';
import { wholeNumberRule } from '../../lib/zodForm';

interface Values {
  kinds: string[];
  occasions: string[];
  firstForm: string[];
  revisitWithinMonths: number | null;
}

export function StatisticsSettingsCard() {
  const can = useCan();
  const editable = can('statisticsSettings.update');
  const { message } = App.useApp();
  const settings = useApiQuery('statisticsSettings.get', {});
  const update = useApiMutation('statisticsSettings.update');
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const data = settings.data;
  useEffect(() => {
    if (data)
      form.setFieldsValue({
        kinds: data.twoLettersOneBook.kinds,
        occasions: data.twoLettersOneBook.occasions,
        firstForm: data.firstForm,
        revisitWithinMonths: data.revisitWithinMonths,
      });
  }, [data, form]);

  const save = async (v: Values) => {
    setError(null);
    const parsed = statisticsSettingsSchema.safeParse({
      twoLettersOneBook: { kinds: v.kinds ?? [], occasions: v.occasions ?? [] },
      firstForm: v.firstForm ?? [],
      revisitWithinMonths: v.revisitWithinMonths ?? undefined,
    });
    if (!parsed.success) return setError(parsed.error.issues[0]!.message);
    try {
      await update.mutateAsync(parsed.data);
      message.success('统计口径已保存');
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Card size="small" title="统计口径">
      <Typography.Paragraph type="secondary">年度统计和报告段落按这里的口径计数。</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form<Values> form={form} layout="vertical" disabled={!editable} onFinish={save} name="statisticsSettings">
        <Form.Item label="计入“两函一书”的提醒函类型" name="kinds">
          <Checkbox.Group options={REMINDER_KINDS.map((k) => ({ value: k, label: k }))} />
        </Form.Item>
        <Form.Item label="计入“两函一书”的节点" name="occasions">
          <Checkbox.Group options={OCCASIONS.map((o) => ({ value: o, label: o }))} />
        </Form.Item>
        <Form.Item label="计入“第一种形态”的处理方式" name="firstForm">
          <Checkbox.Group options={ALL_SANCTION_KEYS.map((s) => ({ value: s.key, label: s.label }))} />
        </Form.Item>
        <Form.Item
          label="受处分后应在几个月内暖心回访"
          name="revisitWithinMonths"
          rules={[wholeNumberRule('暖心回访月数', statisticsSettingsSchema.shape.revisitWithinMonths)]}
        >
          <InputNumber<number> addonAfter="个月" style={{ width: 160 }} />
        </Form.Item>
        {editable ? (
          <Button type="primary" htmlType="submit" loading={update.isPending}>
            保存统计口径
          </Button>
        ) : (
          <Typography.Text type="secondary">只有管理员可以修改统计口径。</Typography.Text>
        )}
      </Form>
    </Card>
  );
}
