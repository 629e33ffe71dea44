/** 科室核查 of a reply: one row per section, and 一并登记 for every unchecked one. */
import { Alert, App, Button, Card, Flex, Form, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { repliesCheckInput, repliesCheckManyInput, type ReplyDetail, type SectionCheck } from '../../../core/opinions/contract';
import { call } from '../../api/client';
import { ApiError, errorMessage } from '../../api/errors';
import { useApiQuery } from '../../api/hooks';
import { DateInput } from '../../components/DateInput';
import { formatDate } from '../../lib/format';
import { useCan } from '../../lib/permissions';
import { issuesToFields } from '../../lib/zodForm';
import { today } from './labels';
import { useReplyUpdated } from './useReplyUpdated';

type CheckValues = { checker: string; checkedOn: string; note: string };

function SectionCheckRow({
  reply,
  section,
  check,
  editable,
  values,
  onValues,
}: {
  reply: ReplyDetail;
  section: string;
  check: SectionCheck | undefined;
  editable: boolean;
  values: CheckValues;
  onValues: (v: CheckValues | null) => void;
}) {
  const updated = useReplyUpdated();
  const { message } = App.useApp();
  const [editing, setEditing] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState(false);

  const save = async () => {
    const parsed = repliesCheckInput.safeParse({ replyId: reply.id, section, ...values });
    if (!parsed.success) {
      setErrors(issuesToFields(parsed.error));
      return;
    }
    setErrors({});
    setSaving(true);
    try {
      updated('opinionReplies.recordCheck', await call('opinionReplies.recordCheck', parsed.data));
      setEditing(false);
      onValues(null);
      message.success(`${section}核查已登记`);
    } catch (e) {
      setErrors({ ...(e instanceof ApiError && e.fields ? e.fields : {}), _: errorMessage(e) });
    } finally {
      setSaving(false);
    }
  };

  const showForm = editable && (editing || !check);
  return (
    <Flex gap={12} align="flex-start" wrap style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }} data-testid={`check-${section}`}>
      <div style={{ width: 90, paddingTop: 4 }}>
        <Typography.Text strong>{section}</Typography.Text>
      </div>
      {check && !showForm ? (
        <Space size={16} wrap style={{ paddingTop: 4 }}>
          <Tag color="green">已核查</Tag>
          <span>核查人：{check.checker}</span>
          <span>核查日期：{formatDate(check.checkedOn)}</span>
          {check.note ? <span>核查情况：{check.note}</span> : null}
          {editable ? (
            <Button type="link" size="small" onClick={() => setEditing(true)}>
              修改
            </Button>
          ) : null}
        </Space>
      ) : null}
      {!check && !editable ? (
        <Tag color="orange" style={{ marginTop: 4 }}>
          未核查
        </Tag>
      ) : null}
      {showForm ? (
        <Flex gap={8} wrap align="flex-start">
          <Form.Item validateStatus={errors.checker ? 'error' : undefined} help={errors.checker} style={{ marginBottom: 0 }}>
            <Input
              aria-label={`${section}核查人`}
              placeholder="核查人"
              value={values.checker}
              maxLength={20}
              style={{ width: 120 }}
              onChange={(e) => onValues({ ...values, checker: e.target.value })}
            />
          </Form.Item>
          <Form.Item validateStatus={errors.checkedOn ? 'error' : undefined} help={errors.checkedOn} style={{ marginBottom: 0 }}>
            <DateInput
              aria-label={`${section}核查日期`}
              value={values.checkedOn}
              onChange={(v) => onValues({ ...values, checkedOn: v ?? '' })}
              style={{ width: 160 }}
            />
          </Form.Item>
          <Form.Item validateStatus={errors.note ? 'error' : undefined} help={errors.note} style={{ marginBottom: 0 }}>
            <Input
              aria-label={`${section}核查情况`}
              placeholder="核查情况（可不填）"
              value={values.note}
              maxLength={500}
              style={{ width: 260 }}
              onChange={(e) => onValues({ ...values, note: e.target.value })}
            />
          </Form.Item>
          <Button type="primary" ghost loading={saving} onClick={() => void save()}>
            登记核查
          </Button>
          {check ? (
            <Button
              onClick={() => {
                setEditing(false);
                onValues(null);
              }}
            >
              取消
            </Button>
          ) : null}
          {errors._ ? <Typography.Text type="danger">{errors._}</Typography.Text> : null}
        </Flex>
      ) : null}
    </Flex>
  );
}

/**
 * The sections' checks. Each unchecked section's form comes prefilled with the checker who
 * signed that section last time and today's date; 一并登记 registers every unchecked
 * section in one step (one transaction) when the names are right.
 */
export function ChecksPanel({ reply, sections }: { reply: ReplyDetail; sections: string[] }) {
  const can = useCan();
  const updated = useReplyUpdated();
  const { message } = App.useApp();
  const editable = reply.status === 'draft' && can('opinionReplies.recordCheck');
  const remembered = useApiQuery('opinionReplies.lastCheckers', {}, { enabled: editable });
  // Only what the clerk typed is kept here; untouched fields show the defaults below.
  const [typed, setTyped] = useState<Record<string, CheckValues>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const all = [...sections, ...reply.checks.map((c) => c.section).filter((s) => !sections.includes(s))];
  const checkOf = (s: string) => reply.checks.find((c) => c.section === s);
  const valuesOf = (s: string): CheckValues => {
    if (typed[s]) return typed[s];
    const c = checkOf(s);
    return { checker: c?.checker ?? remembered.data?.[s] ?? '', checkedOn: c?.checkedOn ?? today(), note: c?.note ?? '' };
  };
  const setValues = (s: string, v: CheckValues | null) =>
    setTyped((all) => {
      const next = { ...all };
      if (v) next[s] = v;
      else delete next[s];
      return next;
    });
  const unchecked = editable ? all.filter((s) => !checkOf(s)) : [];

  const saveAll = async () => {
    setError(null);
    const parsed = repliesCheckManyInput.safeParse({
      replyId: reply.id,
      checks: unchecked.map((section) => ({ section, ...valuesOf(section) })),
    });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const at = issue?.path[0] === 'checks' && typeof issue.path[1] === 'number' ? `${unchecked[issue.path[1]]}：` : '';
      setError(`${at}${issue?.message ?? '请检查核查人和核查日期'}`);
      return;
    }
    setSaving(true);
    try {
      updated('opinionReplies.recordChecks', await call('opinionReplies.recordChecks', parsed.data));
      setTyped({});
      message.success(`已登记${unchecked.join('、')}的核查`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      size="small"
      title="科室核查（谁审查、谁签字、谁负责）"
      style={{ marginBottom: 12 }}
      data-testid="checks-panel"
      extra={
        unchecked.length > 1 ? (
          <Button type="primary" loading={saving} onClick={() => void saveAll()}>
            一并登记{unchecked.length}个科室的核查
          </Button>
        ) : null
      }
    >
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 8 }} /> : null}
      {all.length ? (
        all.map((s) => (
          <SectionCheckRow
            key={s}
            reply={reply}
            section={s}
            check={checkOf(s)}
            editable={editable}
            values={valuesOf(s)}
            onValues={(v) => setValues(s, v)}
          />
        ))
      ) : (
        <Typography.Text type="secondary">未设置核查科室（设置 › 廉政意见回复）。</Typography.Text>
      )}
    </Card>
  );
}
