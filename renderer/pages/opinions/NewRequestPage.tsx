/**
 * 登记来函: the letter (来函单位, 文号, 标题, 收文日期, 用途) and its persons. Saved in one
 * call once every line of the list is resolved; a failed save keeps everything.
 */
import { Alert, App, Button, Card, Form, Space, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useBlocker, useNavigate } from 'react-router';
import { requestsCreateInput } from '../../../core/opinions/contract';
import { addWorkingDays } from '../../../core/opinions/workingDays';
import { isValidDate } from '../../../core/shared/dates';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { formatDate } from '../../lib/format';
import { OPINION_PATHS, requestPath } from '../../lib/links';
import { applyFieldErrors, issuesToFields, showServerError } from '../../lib/zodForm';
import { PageHeader } from '../PageHeader';
import { PersonLinesPanel } from './PersonLinesPanel';
import { REQUEST_FIELDS, RequestFields, type RequestFormValues } from './RequestFields';
import { isResolved, lineStates, type PersonLine } from './personLines';
import { today } from './labels';

const FIELDS = REQUEST_FIELDS;
type Values = RequestFormValues;

export function NewRequestPage() {
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [lines, setLines] = useState<PersonLine[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  /** Saved (or the clerk chose to leave): navigation is no longer blocked. */
  const done = useRef(false);
  const create = useApiMutation('opinionRequests.create');
  const settings = useApiQuery('opinionSettings.get', {}, { staleTime: 30_000 });
  const receivedDate = Form.useWatch('receivedDate', form);

  const states = useMemo(() => lineStates(lines), [lines]);
  const unresolved = lines.filter((l) => !isResolved(states.get(l.key)?.state)).length;

  // Leaving with a list half built asks first.
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      !done.current && currentLocation.pathname !== nextLocation.pathname && (lines.length > 0 || form.isFieldsTouched()),
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: '放弃登记这份来函？',
      content: '离开后，已填写的来函信息和人员名单不会保存。',
      okText: '放弃并离开',
      cancelText: '继续登记',
      okButtonProps: { danger: true },
      autoFocusButton: 'cancel',
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal]);

  const dueText =
    settings.data && receivedDate && isValidDate(receivedDate)
      ? `办理时限：收文后${settings.data.dueWorkingDays}个工作日，即${formatDate(addWorkingDays(receivedDate, settings.data.dueWorkingDays, settings.data))}前回复`
      : null;

  const save = async (values: Values) => {
    setError(null);
    setListError(null);
    const result = requestsCreateInput.safeParse({
      ...values,
      persons: lines.map((l) => ({
        personId: l.personId,
        unitText: l.unitText,
        positionText: l.positionText,
        ...(l.fromFile ? { fromFile: l.fromFile } : {}),
      })),
    });
    if (!result.success) {
      const rest = applyFieldErrors(form, issuesToFields(result.error), FIELDS);
      if (rest.length) setListError(rest.join('；'));
      setError('请按提示修改后再保存。');
      return;
    }
    try {
      const created = await create.mutateAsync(result.data);
      done.current = true;
      message.success(`已登记来函“${created.title}”，共${created.persons.length}人`);
      navigate(requestPath(created.id), { replace: true });
    } catch (e) {
      const msg = showServerError(form, e, FIELDS);
      setError(msg);
    }
  };

  return (
    <div>
      <PageHeader
        title="登记来函"
        extra={
          <>
            <Button onClick={() => navigate(OPINION_PATHS.requests)}>返回列表</Button>
          </>
        }
      />
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <Card size="small" title="来函信息" style={{ marginBottom: 12 }}>
        <Form<Values>
          name="request"
          form={form}
          layout="vertical"
          validateTrigger="onBlur"
          initialValues={{ requester: '市委组织部', receivedDate: today() }}
          autoComplete="off"
          onFinish={save}
          onFinishFailed={() => setError('请按提示修改后再保存。')}
        >
          <RequestFields wide dueText={dueText} purposeHint="评先评优按评优影响期核查，其余按提拔影响期" />
        </Form>
      </Card>
      <PersonLinesPanel lines={lines} onChange={(u) => setLines(u)} error={listError} />
      <Card size="small" style={{ marginTop: 12, position: 'sticky', bottom: 0, zIndex: 2 }}>
        <Space>
          <Button type="primary" onClick={() => form.submit()} loading={create.isPending} disabled={unresolved > 0}>
            保存
          </Button>
          {unresolved > 0 ? (
            <Typography.Text type="warning">名单中还有{unresolved}行待处理，全部处理后才能保存。</Typography.Text>
          ) : lines.length ? (
            <Typography.Text type="secondary">共{lines.length}人。</Typography.Text>
          ) : null}
        </Space>
      </Card>
    </div>
  );
}
