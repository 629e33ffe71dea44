/** 设置 › 廉政意见回复: 办理时限（工作日）, 核查科室, 节假日 and 调休工作日 (administrators edit). */
import { Alert, App, Button, Card, Flex, Form, Input, InputNumber, Space, Typography } from 'antd';
import { useState } from 'react';
import { opinionSettingsSchema, type OpinionSettings } from '../../../core/opinions/contract';
import { ApiError } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useCan } from '../../lib/permissions';
import { formatDateList, parseDateList } from './dateList';
import { wholeNumberRule } from '../../lib/zodForm';

interface Values {
  dueWorkingDays: number | null;
  checkSections: string[];
  holidays: string;
  workingWeekendDays: string;
}

const toValues = (s: OpinionSettings): Values => ({
  dueWorkingDays: s.dueWorkingDays,
  checkSections: s.checkSections,
  holidays: formatDateList(s.holidays),
  workingWeekendDays: formatDateList(s.workingWeekendDays),
});

export function OpinionSettingsCard() {
  const can = useCan();
  const editable = can('opinionSettings.update');
  const { message } = App.useApp();
  const settings = useApiQuery('opinionSettings.get', {});
  const update = useApiMutation('opinionSettings.update');
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);

  const save = async (values: Values) => {
    setError(null);
    const holidays = parseDateList(values.holidays ?? '');
    const weekend = parseDateList(values.workingWeekendDays ?? '');
    form.setFields([
      { name: 'holidays', errors: holidays.errors },
      { name: 'workingWeekendDays', errors: weekend.errors },
    ]);
    if (holidays.errors.length || weekend.errors.length) return setError('请按提示修改标红的项目后再保存。');
    const parsed = opinionSettingsSchema.safeParse({
      dueWorkingDays: values.dueWorkingDays ?? undefined,
      checkSections: (values.checkSections ?? []).map((s) => (s ?? '').trim()).filter(Boolean),
      holidays: holidays.dates,
      workingWeekendDays: weekend.dates,
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = String(issue.path[0] ?? '');
      if (field === 'dueWorkingDays') form.setFields([{ name: 'dueWorkingDays', errors: [issue.message] }]);
      return setError(issue.message);
    }
    try {
      const saved = await update.mutateAsync(parsed.data);
      form.setFieldsValue(toValues(saved));
      message.success('廉政意见回复设置已保存');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败，请重试。');
    }
  };

  return (
    <Card size="small" title="廉政意见回复" data-testid="opinion-settings">
      {!editable ? <Alert type="info" showIcon title="只有管理员可以修改这些设置。" style={{ marginBottom: 16 }} /> : null}
      {settings.error ? <Alert type="error" showIcon title={settings.error.message} style={{ marginBottom: 16 }} /> : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      {settings.data ? (
        <Form<Values>
          name="opinionSettings"
          form={form}
          layout="vertical"
          disabled={!editable}
          initialValues={toValues(settings.data)}
          onFinish={save}
          autoComplete="off"
        >
          <Flex gap={32} wrap align="flex-start">
            <div style={{ width: 260 }}>
              <Form.Item
                label="办理时限（工作日）"
                name="dueWorkingDays"
                rules={[wholeNumberRule('办理时限', opinionSettingsSchema.shape.dueWorkingDays)]}
                extra="收文次日起算，周末和下列节假日不计，调休上班日计入"
              >
                <InputNumber suffix="个工作日" style={{ width: 200 }} />
              </Form.Item>
              <Typography.Text strong>核查科室</Typography.Text>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
                每份回复审核前，下列科室都须登记核查人和核查日期。
              </Typography.Paragraph>
              <Form.List name="checkSections">
                {(fields, { add, remove }) => (
                  <Space orientation="vertical" size={6} style={{ width: '100%' }}>
                    {fields.map((f, i) => (
                      <Space key={f.key} size={4}>
                        <Form.Item name={f.name} noStyle>
                          <Input aria-label={`核查科室${i + 1}`} maxLength={20} style={{ width: 180 }} />
                        </Form.Item>
                        {editable ? (
                          <Button type="link" size="small" danger onClick={() => remove(f.name)}>
                            删除
                          </Button>
                        ) : null}
                      </Space>
                    ))}
                    {editable ? (
                      <Button size="small" onClick={() => add('')} disabled={fields.length >= 10}>
                        添加科室
                      </Button>
                    ) : null}
                  </Space>
                )}
              </Form.List>
            </div>
            <Form.Item
              label="节假日（不上班的日期）"
              name="holidays"
              style={{ width: 300 }}
              extra="每行一个日期或一个范围，如 2026-10-01~2026-10-07"
            >
              <Input.TextArea autoSize={{ minRows: 6, maxRows: 14 }} placeholder={'2026-01-01\n2026-02-15~2026-02-23'} />
            </Form.Item>
            <Form.Item
              label="调休上班的周末"
              name="workingWeekendDays"
              style={{ width: 260 }}
              extra="按国务院办公厅通知填写调休上班的周六、周日"
            >
              <Input.TextArea autoSize={{ minRows: 6, maxRows: 14 }} placeholder={'2026-02-14\n2026-09-27'} />
            </Form.Item>
          </Flex>
          {editable ? (
            <Button type="primary" htmlType="submit" loading={update.isPending} style={{ marginTop: 16 }}>
              保存廉政意见回复设置
            </Button>
          ) : null}
        </Form>
      ) : null}
    </Card>
  );
}
