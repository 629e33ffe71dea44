/** 设置 › 公文打印: red header, contact line, seal text, persons in the body, fonts (administrators edit); which face each role resolved to. */
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Switch, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { FONT_MODES, FONT_MODE_LABELS, FONT_ROLE_LABELS, letterSettingsSchema, type LetterSettings } from '../../../core/print/contract';
import { ApiError } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { useCan } from '../../lib/permissions';
import { wholeNumberRule } from '../../lib/zodForm';

export function LetterSettingsCard() {
  const can = useCan();
  const editable = can('letterSettings.update');
  const { message } = App.useApp();
  const settings = useApiQuery('letterSettings.get', {});
  const fonts = useApiQuery('letters.fonts', {});
  const update = useApiMutation('letterSettings.update');
  const [form] = Form.useForm<LetterSettings>();
  const [error, setError] = useState<string | null>(null);

  const save = async (values: LetterSettings) => {
    setError(null);
    const parsed = letterSettingsSchema.safeParse(values);
    if (!parsed.success) return setError(parsed.error.issues.map((i) => i.message).join('；'));
    try {
      await update.mutateAsync(parsed.data);
      message.success('公文打印设置已保存');
    } catch (e) {
      setError(e instanceof ApiError ? e.message : '保存失败。');
    }
  };

  return (
    <Card size="small" title="公文打印" data-testid="letter-settings">
      {!editable ? <Alert type="info" showIcon title="只有管理员可以修改这些设置。" style={{ marginBottom: 12 }} /> : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      {settings.data ? (
        <Form
          form={form}
          name="letterSettings"
          layout="vertical"
          disabled={!editable}
          initialValues={settings.data}
          style={{ maxWidth: 560 }}
          onFinish={(v) => void save(v)}
        >
          <Form.Item
            label="打印红色版头（发文机关标志和红色双线）"
            name="redHeader"
            valuePropName="checked"
            extra="使用预印红头的信函纸时关闭，其他位置不变。"
          >
            <Switch />
          </Form.Item>
          <Form.Item label="联系人" name="contactPerson">
            <Input maxLength={20} />
          </Form.Item>
          <Form.Item label="联系电话" name="contactPhone">
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item label="印章位置提示文字" name="sealText" extra="印在盖章位置中间的小字，如“（盖章）”；留空则不印。">
            <Input maxLength={10} />
          </Form.Item>
          <Form.Item
            label="正文列出人数上限"
            name="inlineMaxPersons"
            rules={[wholeNumberRule('正文列出人数上限', letterSettingsSchema.shape.inlineMaxPersons)]}
            extra="不超过此人数时意见写在正文中，超过时以附件表格列出。"
          >
            <InputNumber />
          </Form.Item>
          <Form.Item label="字体" name="fontMode">
            <Radio.Group
              options={FONT_MODES.map((m) => ({ value: m, label: FONT_MODE_LABELS[m] }))}
              style={{ display: 'flex', flexDirection: 'column' }}
            />
          </Form.Item>
          {editable ? (
            <Button type="primary" htmlType="submit" loading={update.isPending}>
              保存公文打印设置
            </Button>
          ) : null}
        </Form>
      ) : null}
      {fonts.data ? (
        <div style={{ marginTop: 16 }} data-testid="letter-fonts">
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            字体
          </Typography.Title>
          {fonts.data.advice ? (
            <Alert
              type="warning"
              showIcon
              title={withMachineText(fonts.data.advice)}
              style={{ marginBottom: 12 }}
              data-testid="font-advice"
            />
          ) : null}
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            字体查找方式：{withMachineText(fonts.data.method)}
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey="role"
            pagination={false}
            data-testid="font-table"
            dataSource={fonts.data.fonts}
            columns={[
              { title: '用途', dataIndex: 'role', render: (r: keyof typeof FONT_ROLE_LABELS) => FONT_ROLE_LABELS[r] },
              {
                title: '实际使用',
                render: (_, f) => (
                  <span>
                    <Tag color={f.source === 'system' ? 'green' : 'blue'}>{f.source === 'system' ? '本机字体' : '程序自带'}</Tag>
                    {f.source === 'system' ? (
                      // The family name as the system lists it: a machine-owned proper name.
                      <span data-machine-text title={f.file ?? undefined}>
                        {f.family}
                      </span>
                    ) : (
                      <span title={f.bundledPackage}>{f.bundled}</span>
                    )}
                  </span>
                ),
              },
              { title: '说明', dataIndex: 'note' },
            ]}
          />
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            PDF：{fonts.data.serverPdf.note}
          </Typography.Paragraph>
        </div>
      ) : null}
    </Card>
  );
}

/** Folder paths and commands in a font note, as the machine spells them (marked, not translated). */
const MACHINE_TOKENS = /(\/usr\/share\/fonts\/?|fc-cache -f|C:\\Windows\\Fonts)/;

function withMachineText(text: string) {
  return text.split(MACHINE_TOKENS).map((part, i) =>
    i % 2 ? (
      <code key={i} data-machine-text>
        {part}
      </code>
    ) : (
      part
    ),
  );
}
