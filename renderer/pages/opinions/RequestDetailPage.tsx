/**
 * 来函详情 / 回复: the letter and its persons; 拟办回复 checks every person and opens the
 * reply (ReplyView). With several replies (a voided one, a correction) the clerk switches
 * between them; ?reply=<id> in the address picks one.
 */
import { Alert, App, Button, Card, Descriptions, Flex, Form, Segmented, Space, Spin, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { REPLY_STATUS_LABELS, requestsUpdateInput, type RequestDetail } from '../../../core/opinions/contract';
import { call } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { DateInput } from '../../components/DateInput';
import { FormModal } from '../../components/FormModal';
import { formatBirthMonth, formatDate } from '../../lib/format';
import { OPINION_PATHS, personDossierPath } from '../../lib/links';
import { useCan } from '../../lib/permissions';
import { parseForm, showServerError } from '../../lib/zodForm';
import { PageHeader } from '../PageHeader';
import { EstimatedProgress } from './EstimatedProgress';
import { ReplyStatusTag, today } from './labels';
import { REQUEST_FIELDS, RequestFields, requestFormValues } from './RequestFields';
import { ReplyView, useReplyUpdated } from './ReplyView';
import './opinions.css';

type Person = RequestDetail['persons'][number];

function PersonsTable({ persons }: { persons: Person[] }) {
  const columns: TableProps<Person>['columns'] = [
    { title: '序号', dataIndex: 'lineNo', key: 'lineNo', width: 64 },
    { title: '姓名', key: 'name', width: 120, render: (_v, p) => <Link to={personDossierPath(p.id)}>{p.name}</Link> },
    { title: '单位', key: 'unit', render: (_v, p) => p.unitPath ?? p.unitName ?? '' },
    { title: '职务', dataIndex: 'position', key: 'position' },
    { title: '出生年月', dataIndex: 'birthMonth', key: 'birthMonth', width: 110, render: (v: string | null) => formatBirthMonth(v) },
    { title: '来函所列单位职务', key: 'listed', render: (_v, p) => [p.unitText, p.positionText].filter(Boolean).join('　') },
  ];
  return (
    <Table<Person>
      rowKey="requestPersonId"
      size="small"
      columns={columns}
      dataSource={persons}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
    />
  );
}

const EDIT_FIELDS = REQUEST_FIELDS;

function EditRequestModal({ request, onClose }: { request: RequestDetail; onClose: () => void }) {
  const [form] = Form.useForm();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const update = useApiMutation('opinionRequests.update');
  return (
    <FormModal open title="修改来函信息" form={form} onCancel={onClose} saving={update.isPending} error={error} width={640}>
      <Form
        form={form}
        name="editRequest"
        layout="vertical"
        validateTrigger="onBlur"
        autoComplete="off"
        initialValues={requestFormValues(request)}
        onFinish={async (values: Record<string, unknown>) => {
          setError(null);
          const input = parseForm(form, requestsUpdateInput, { ...values, id: request.id, rev: request.rev }, EDIT_FIELDS);
          if (!input) return setError('请按提示修改标红的项目后再保存。');
          try {
            await update.mutateAsync(input);
            message.success('来函信息已保存');
            onClose();
          } catch (e) {
            setError(showServerError(form, e, EDIT_FIELDS));
          }
        }}
      >
        <RequestFields wide={false} purposeHint="已拟办的回复按原用途核查；改变用途后请作废并重新拟办" />
      </Form>
    </FormModal>
  );
}

export function RequestDetailPage() {
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const can = useCan();
  const { modal, message } = App.useApp();
  const updated = useReplyUpdated();
  const request = useApiQuery('opinionRequests.get', { id });
  const settings = useApiQuery('opinionSettings.get', {}, { staleTime: 30_000 });
  const [replyDate, setReplyDate] = useState<string | null>(today());
  const [drafting, setDrafting] = useState(false);
  const [draftError, setDraftError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const remove = useApiMutation('opinionRequests.delete');

  const replies = request.data?.replies ?? [];
  const wanted = params.get('reply');
  const fallback = [...replies].reverse().find((r) => r.status !== 'voided') ?? replies[replies.length - 1];
  const replyId = (wanted && replies.some((r) => r.id === wanted) ? wanted : fallback?.id) ?? null;
  const reply = useApiQuery('opinionReplies.get', { id: replyId ?? '' }, { enabled: !!replyId });

  if (request.error) {
    return (
      <div>
        <PageHeader title="来函详情" extra={<Button onClick={() => navigate(OPINION_PATHS.requests)}>返回列表</Button>} />
        <Alert type="error" showIcon title={request.error.message} />
      </div>
    );
  }
  if (!request.data) {
    return (
      <Spin tip="正在读取…">
        <div style={{ height: 200 }} />
      </Spin>
    );
  }
  const r = request.data;
  const active = replies.some((x) => x.status !== 'voided');
  const mayDraft = !active && can('opinionReplies.create');
  const showReply = (rid: string) => setParams({ reply: rid }, { replace: false });

  const draft = async () => {
    setDraftError(null);
    if (!replyDate) {
      setDraftError('请填写回复日期');
      return;
    }
    setDrafting(true);
    try {
      const created = await call('opinionReplies.create', { requestId: r.id, replyDate });
      updated('opinionReplies.create', created);
      showReply(created.id);
      message.success(`已拟办回复：核查${created.items.length}人`);
    } catch (e) {
      setDraftError(errorMessage(e));
    } finally {
      setDrafting(false);
    }
  };

  const confirmDelete = () =>
    modal.confirm({
      title: `删除来函“${r.title}”？`,
      content: '删除后可在回收站恢复。已审核或已签发回复的来函不能删除。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await remove.mutateAsync({ id: r.id });
          message.success('来函已删除');
          navigate(OPINION_PATHS.requests);
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  const locked = r.replyStatus === 'issued' || r.replyStatus === 'reviewed';

  return (
    <div>
      <PageHeader
        title={r.title}
        extra={
          <>
            {can('opinionRequests.update') && r.replyStatus !== 'issued' ? (
              <Button onClick={() => setEditing(true)}>修改来函信息</Button>
            ) : null}
            {can('opinionRequests.delete') && !locked ? (
              <Button danger onClick={confirmDelete}>
                删除来函
              </Button>
            ) : null}
            <Button onClick={() => navigate(OPINION_PATHS.requests)}>返回列表</Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Descriptions size="small" column={4} data-testid="request-info">
          <Descriptions.Item label="来函单位">{r.requester}</Descriptions.Item>
          <Descriptions.Item label="来函文号">{r.requesterDocNumber ?? '—'}</Descriptions.Item>
          <Descriptions.Item label="收文日期">{formatDate(r.receivedDate)}</Descriptions.Item>
          <Descriptions.Item label="用途">{r.purpose}</Descriptions.Item>
          <Descriptions.Item label="办理时限">
            <span className={r.overdue ? 'qinglian-due-overdue' : undefined}>{formatDate(r.dueDate)}</span>
            {r.overdue ? (
              <Tag color="red" style={{ marginInlineStart: 6 }}>
                已逾期
              </Tag>
            ) : null}
          </Descriptions.Item>
          <Descriptions.Item label="人数">{r.personCount}人</Descriptions.Item>
          <Descriptions.Item label="回复状态">
            <ReplyStatusTag status={r.replyStatus} />
          </Descriptions.Item>
          <Descriptions.Item label="回复文号">{r.replyDocNumber ?? '—'}</Descriptions.Item>
          {r.notes ? (
            <Descriptions.Item label="备注" span={4}>
              {r.notes}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>

      {replies.length > 1 ? (
        <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
          <Typography.Text>本函的回复：</Typography.Text>
          <Segmented<string>
            value={replyId ?? undefined}
            onChange={showReply}
            options={replies.map((x, i) => ({
              value: x.id,
              label: `${x.docNumber ?? `第${i + 1}稿`}（${REPLY_STATUS_LABELS[x.status]}）`,
            }))}
          />
        </Flex>
      ) : null}

      {mayDraft || (!replyId && !active) ? (
        <Card size="small" title={replies.length ? '重新拟办回复' : '拟办回复'} style={{ marginBottom: 12 }}>
          {mayDraft ? (
            <Space wrap align="center">
              <span>回复日期</span>
              <DateInput aria-label="回复日期" value={replyDate} onChange={setReplyDate} allowClear={false} style={{ width: 180 }} />
              <Button type="primary" loading={drafting} onClick={() => void draft()}>
                拟办回复
              </Button>
              <Typography.Text type="secondary">按回复日期逐人核查处分/处理和在查事项，并给出建议结论。</Typography.Text>
            </Space>
          ) : (
            <Typography.Text type="secondary">尚未拟办回复（拟办需承办人权限）。</Typography.Text>
          )}
          {drafting ? (
            <div style={{ marginTop: 12 }} data-testid="draft-progress">
              <Typography.Text>正在核查{r.personCount}人的处分/处理和在查事项…</Typography.Text>
              <EstimatedProgress expectedMs={400 + r.personCount * 4} />
            </div>
          ) : null}
          {draftError ? <Alert type="error" showIcon title={draftError} style={{ marginTop: 12 }} role="alert" /> : null}
        </Card>
      ) : null}

      {replyId && reply.data ? (
        <ReplyView key={reply.data.id} reply={reply.data} sections={settings.data?.checkSections ?? []} onSuperseded={showReply} />
      ) : replyId && reply.error ? (
        <Alert type="error" showIcon title={reply.error.message} />
      ) : replyId ? (
        <Spin tip="正在读取回复…">
          <div style={{ height: 120 }} />
        </Spin>
      ) : (
        <Card size="small" title={`人员名单（${r.persons.length}人）`}>
          <PersonsTable persons={r.persons} />
        </Card>
      )}
      {editing ? <EditRequestModal request={r} onClose={() => setEditing(false)} /> : null}
    </div>
  );
}
