import { Form, Input, Progress, Typography } from 'antd';
import { passphraseProblem, passphraseStrength } from '../../../core/backup/strength';

const COLORS = ['#cf1322', '#fa541c', '#faad14', '#52c41a', '#237804'];

/** 口令 twice, with the strength shown as it is typed (the same rules the host checks). */
export function PassphraseFields({ name = 'passphrase', label = '备份口令' }: { name?: string; label?: string }) {
  const value = (Form.useWatch(name) as string | undefined) ?? '';
  const strength = passphraseStrength(value);
  return (
    <>
      <Form.Item
        label={label}
        name={name}
        rules={[
          {
            validator: async (_r, v: string | undefined) => {
              const problem = passphraseProblem(v ?? '');
              if (problem) throw new Error(problem);
            },
          },
        ]}
        extra={
          value ? (
            <div data-testid="passphrase-strength">
              <Progress
                percent={(strength.score + 1) * 20}
                showInfo={false}
                strokeColor={COLORS[strength.score]}
                size="small"
                style={{ margin: 0, maxWidth: 240, display: 'block' }}
              />
              <Typography.Text type="secondary">
                强度：{strength.label}
                {strength.hint ? `。${strength.hint}` : ''}
              </Typography.Text>
            </div>
          ) : (
            '口令不会被保存。忘记口令将无法恢复备份，请妥善记录。'
          )
        }
      >
        <Input.Password autoComplete="new-password" maxLength={1024} />
      </Form.Item>
      <Form.Item
        label="再次输入口令"
        name={`${name}Confirm`}
        dependencies={[name]}
        rules={[
          ({ getFieldValue }) => ({
            validator: async (_r, v: string | undefined) => {
              if ((v ?? '') !== (getFieldValue(name) ?? '')) throw new Error('两次输入的口令不一致');
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={1024} />
      </Form.Item>
    </>
  );
}
