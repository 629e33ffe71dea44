/**
 * One reply (复函): its state and number, the per-person opinions (editable while 承办中),
 * what the check found for each person, the sections' checks, and the workflow buttons
 * the account's roles allow. Reviewed, issued and voided replies are shown read-only.
 */
import { useQueryClient } from '@tanstack/react-query';
import { COMMENDATION_READING_LABELS } from '../../../core/sanctions/commendationReadings';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import {
  CONCLUSIONS,
  CONCLUSION_LABELS,
  repliesCheckInput,
  repliesCheckManyInput,
  repliesVoidInput,
  type Conclusion,
  type ReplyDetail,
  type ReplyItem,
  type SectionCheck,
} from '../../../core/opinions/contract';
import { PENDING_KIND_LABELS } from '../../../core/pendingMatters/contract';
import type { Channel } from '../../../core/api';
import { call } from '../../api/client';
import { ApiError, errorMessage } from '../../api/errors';
import { queryKey, useApiQuery } from '../../api/hooks';
import { DateInput } from '../../components/DateInput';
import { IssuedDocumentNote } from '../../components/IssuedDocumentNote';
import { SavePdfButton } from '../../components/SavePdfButton';
import { formatBirthMonth, formatDate, formatDateTime } from '../../lib/format';
import { personDossierPath } from '../../lib/links';
import { LETTER_PATHS } from '../letters/paths';
import { useCan } from '../../lib/permissions';
import { issuesToFields } from '../../lib/zodForm';
import { ConclusionTag, ReplyStatusTag, endText, today } from './labels';
import { checkDraft, draftOf, isDirty, standardWording, type ItemDraft } from './replyDrafts';

const AFFECTED: Channel[] = [
  'opinionRequests.get',
  'opinionRequests.list',
  'opinionReplies.list',
  'people.dossier',
  'opinionReplies.lastCheckers',
  'workBoard.get',
];

/** After a write: the answer is the new state of the reply; lists that show it are refetched. */
export function useReplyUpdated() {
  const queryClient = useQueryClient();
  return (detail: ReplyDetail) => {
    queryClient.setQueryData(queryKey('opinionReplies.get', { id: detail.id }), detail);
    void Promise.all(AFFECTED.map((c) => queryClient.invalidateQueries({ queryKey: [c] })));
  };
}

// ---------------------------------------------------------------- 签发: the dates the letter will carry

/** Both dates before 签发: the 成文日期 (today; the number's year is its year) and the date the check was made as of. */
function IssueDates({ reply }: { reply: ReplyDetail }) {
  const year = reply.letterDate.slice(0, 4);
  const same = reply.letterDate === reply.replyDate;
  return (
    <div data-testid="issue-dates">
      <p>签发后将分配文号且不能再修改。</p>
      <p>
        成文日期：{formatDate(reply.letterDate)}（签发当日），文号为〔{year}〕年度号。
        <br />
        核查截至：{formatDate(reply.replyDate)}。
      </p>
      {same ? null : (
        <Alert
          type="warning"
          showIcon
          title={`核查日期与成文日期不同：复函正文将写明“经查阅截至${formatDate(reply.replyDate)}的……有关资料”。如需按今天的记录核查，请取消并退回承办重新核查。`}
        />
      )}
    </div>
  );
}

// ---------------------------------------------------------------- findings

function Findings({ item }: { item: ReplyItem }) {
  const f = item.findings;
  return (
    <div data-testid="findings" style={{ paddingInlineStart: 8 }}>
      <Typography.Text type="secondary">
        核查截至{formatDate(f.asOf)}，用途“{f.purpose}”（按{f.purpose === '评先评优' ? '评先评优' : '提拔/进一步使用'}影响期判断
        {f.purpose === '评先评优' && f.commendationReading ? `；评先评优口径：${COMMENDATION_READING_LABELS[f.commendationReading]}` : ''}）
      </Typography.Text>
      <div style={{ marginTop: 6 }}>
        <Typography.Text strong>处分/处理：</Typography.Text>
        {f.sanctions.length ? (
          <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
            {f.sanctions.map((s) => (
              <li key={s.sanctionId}>
                {s.label}，{formatDate(s.effectiveDate)}生效，影响期至{endText(s.end)}{' '}
                {s.barring ? <Tag color="red">影响期内</Tag> : <Tag>{s.end === null ? '无影响期' : '已期满'}</Tag>}
                {s.ruleVersion ? <Typography.Text type="secondary">（规则{s.ruleVersion}）</Typography.Text> : null}
                {s.otherBars?.length ? (
                  <div>
                    <Typography.Text type="secondary">
                      仍在影响期内的其他限制：{s.otherBars.map((b) => `${b.text}（至${endText(b.end)}）`).join('；')}
                    </Typography.Text>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <span>无</span>
        )}
      </div>
      {f.measures?.length ? (
        <div style={{ marginTop: 4 }}>
          <Typography.Text strong>停职检查：</Typography.Text>
          {f.measures.map((m) => `${formatDate(m.effectiveDate)}起停职检查`).join('；')} <Tag color="orange">检查中</Tag>
        </div>
      ) : null}
      <div style={{ marginTop: 4 }}>
        <Typography.Text strong>在查事项：</Typography.Text>
        {f.pending.length ? (
          <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
            {f.pending.map((p) => (
              <li key={p.id}>
                {PENDING_KIND_LABELS[p.kind]}，{formatDate(p.receivedDate)}受理{p.source ? `（${p.source}）` : ''}
                {p.summary ? `：${p.summary}` : ''} <Tag color="orange">在办</Tag>
              </li>
            ))}
          </ul>
        ) : (
          <span>无</span>
        )}
      </div>
      {item.overrideReason ? (
        <div style={{ marginTop: 4 }}>
          <Typography.Text strong>改变结论的理由：</Typography.Text>
          {item.overrideReason}（系统建议：{CONCLUSION_LABELS[item.proposedCategory]}）
        </div>
      ) : null}
    </div>
  );
}

// ---------------------------------------------------------------- section checks

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
      updated(await call('opinionReplies.recordCheck', parsed.data));
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
function ChecksPanel({ reply, sections }: { reply: ReplyDetail; sections: string[] }) {
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
      updated(await call('opinionReplies.recordChecks', parsed.data));
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

// ---------------------------------------------------------------- the reply

type Filter = 'all' | Conclusion | 'changed';

export function ReplyView({
  reply,
  sections,
  onSuperseded,
}: {
  reply: ReplyDetail;
  sections: string[];
  onSuperseded: (id: string) => void;
}) {
  const can = useCan();
  const { modal, message } = App.useApp();
  const updated = useReplyUpdated();
  const queryClient = useQueryClient();
  const editable = reply.status === 'draft' && can('opinionReplies.updateItem');
  const [drafts, setDrafts] = useState<Record<string, ItemDraft>>({});
  const [savingIds, setSavingIds] = useState<Set<string>>(new Set());
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(1);
  const [busy, setBusy] = useState<string | null>(null);
  const [voiding, setVoiding] = useState(false);

  const itemsById = useMemo(() => new Map(reply.items.map((i) => [i.id, i])), [reply.items]);
  const dirtyIds = Object.keys(drafts).filter((id) => {
    const item = itemsById.get(id);
    return item && isDirty(item, drafts[id]!);
  });
  const changedCount = reply.items.filter((i) => i.category !== i.proposedCategory).length;
  const shown = reply.items.filter((i) =>
    filter === 'all' ? true : filter === 'changed' ? i.category !== i.proposedCategory : i.category === filter,
  );
  const purpose = reply.request.purpose;

  const draft = (item: ReplyItem) => drafts[item.id] ?? draftOf(item);
  const setDraft = (item: ReplyItem, patch: Partial<ItemDraft>) =>
    setDrafts((all) => {
      const d = { ...(all[item.id] ?? draftOf(item)), ...patch };
      return { ...all, [item.id]: d };
    });
  const discard = (id: string) =>
    setDrafts((all) => {
      const next = { ...all };
      delete next[id];
      return next;
    });

  const saveItems = async (ids: string[]) => {
    const checked = ids.map((id) => {
      const item = itemsById.get(id)!;
      return { item, result: checkDraft(reply.id, item, draft(item)) };
    });
    const bad = checked.filter((c) => !c.result.ok);
    if (bad.length) {
      setDrafts((all) => {
        const next = { ...all };
        for (const c of bad) next[c.item.id] = { ...(next[c.item.id] ?? draftOf(c.item)), errors: c.result.ok ? {} : c.result.errors };
        return next;
      });
      message.error(
        bad.length === 1
          ? `第${bad[0]!.item.lineNo}人${bad[0]!.item.person.name}：${Object.values(bad[0]!.result.ok ? {} : bad[0]!.result.errors)[0]}`
          : `有${bad.length}人的意见需要修改，请看标红的项目`,
      );
      return;
    }
    setSavingIds(new Set(ids));
    try {
      for (const c of checked) {
        if (!c.result.ok) continue;
        try {
          updated(await call('opinionReplies.updateItem', c.result.input));
          discard(c.item.id);
        } catch (e) {
          setDraft(c.item, { errors: { ...(e instanceof ApiError && e.fields ? e.fields : {}), _: errorMessage(e) } });
          message.error(`第${c.item.lineNo}人${c.item.person.name}：${errorMessage(e)}`);
          return;
        }
      }
      message.success(ids.length === 1 ? '意见已保存' : `已保存${ids.length}人的意见`);
    } finally {
      setSavingIds(new Set());
    }
  };

  const act = async (name: string, run: () => Promise<ReplyDetail>, done: string) => {
    setBusy(name);
    try {
      const detail = await run();
      updated(detail);
      message.success(done);
      return detail;
    } catch (e) {
      modal.error({ title: `${name}未完成`, content: errorMessage(e), okText: '知道了' });
      // A refusal because the reply changed (e.g. sent back to 待审核): show its state now.
      if (e instanceof ApiError && e.code === 'CONFLICT')
        void queryClient.invalidateQueries({ queryKey: queryKey('opinionReplies.get', { id: reply.id }) });
      return null;
    } finally {
      setBusy(null);
    }
  };

  const review = () =>
    void act('审核', () => call('opinionReplies.review', { id: reply.id, rev: reply.rev, contentHash: reply.contentHash }), '已审核通过');
  const returnToDraft = () =>
    modal.confirm({
      title: '退回承办？',
      content: '退回后回复回到“承办中”，承办人可以继续修改，修改后需重新审核。',
      okText: '退回承办',
      cancelText: '取消',
      onOk: () => act('退回', () => call('opinionReplies.returnToDraft', { id: reply.id, rev: reply.rev }), '已退回承办'),
    });
  const issue = () =>
    modal.confirm({
      title: '签发这份回复？',
      content: <IssueDates reply={reply} />,
      okText: '签发',
      cancelText: '取消',
      onOk: async () => {
        // The hash of the content this page showed: the host refuses if the reviewed content changed since.
        const d = await act(
          '签发',
          () => call('opinionReplies.issue', { id: reply.id, rev: reply.rev, reviewedHash: reply.reviewedHash ?? '' }),
          '已签发',
        );
        if (d?.docNumber) message.success(`文号：${d.docNumber}`);
      },
    });
  const reassess = () =>
    modal.confirm({
      title: '重新核查全部人员？',
      content:
        '以今天为回复日期，按人员库、处分台账和在查事项的最新登记重新核查并生成建议；已改变结论（填写了理由）的人员保留您的意见，其余人员的意见按新建议更新。',
      okText: '重新核查',
      cancelText: '取消',
      onOk: () =>
        act('重新核查', () => call('opinionReplies.reassess', { id: reply.id, rev: reply.rev, replyDate: today() }), '已重新核查'),
    });
  const supersede = () =>
    modal.confirm({
      title: '更正这份回复？',
      content: '将新建一份更正回复（承办中），以今天为回复日期重新核查全部人员；原回复保持不变，更正回复签发后另编文号。',
      okText: '新建更正回复',
      cancelText: '取消',
      onOk: async () => {
        const d = await act('更正', () => call('opinionReplies.supersede', { id: reply.id, replyDate: today() }), '已新建更正回复');
        if (d) onSuperseded(d.id);
      },
    });

  const reviewBlock =
    reply.missingSections.length > 0
      ? `以下科室尚未登记核查：${reply.missingSections.join('、')}`
      : dirtyIds.length
        ? `还有${dirtyIds.length}人的修改未保存`
        : null;

  const columns: TableProps<ReplyItem>['columns'] = [
    { title: '序号', dataIndex: 'lineNo', key: 'lineNo', width: 56 },
    {
      title: '姓名',
      key: 'person',
      width: 170,
      render: (_v, i) => (
        <div>
          <Link to={personDossierPath(i.person.id)}>{i.person.name}</Link>
          {i.person.homonymCount > 0 ? (
            <Tag color="orange" style={{ marginInlineStart: 4 }}>
              同名
            </Tag>
          ) : null}
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {[i.person.unitPath ?? i.person.unitName, i.person.position].filter(Boolean).join('　')}
            </Typography.Text>
          </div>
          {i.person.birthMonth ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatBirthMonth(i.person.birthMonth)}生
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    { title: '系统建议', key: 'proposed', width: 96, render: (_v, i) => <ConclusionTag category={i.proposedCategory} /> },
    {
      title: '结论',
      key: 'category',
      width: 130,
      render: (_v, i) =>
        editable ? (
          <Select<Conclusion>
            aria-label={`${i.person.name}的结论`}
            value={draft(i).category}
            style={{ width: 118 }}
            options={CONCLUSIONS.map((c) => ({ value: c, label: CONCLUSION_LABELS[c] }))}
            onChange={(c) => {
              const d = draft(i);
              setDraft(i, { category: c, errors: {}, ...(d.wordingEdited ? {} : { wording: standardWording(c, purpose, i) }) });
            }}
          />
        ) : (
          <ConclusionTag category={i.category} />
        ),
    },
    {
      title: '意见',
      key: 'wording',
      render: (_v, i) => {
        if (!editable) return <span data-testid="wording">{i.wording}</span>;
        const d = draft(i);
        return (
          <Form.Item validateStatus={d.errors.wording ? 'error' : undefined} help={d.errors.wording} style={{ marginBottom: 0 }}>
            <Input.TextArea
              aria-label={`${i.person.name}的意见`}
              value={d.wording}
              autoSize={{ minRows: 1, maxRows: 5 }}
              maxLength={500}
              onChange={(e) => setDraft(i, { wording: e.target.value, wordingEdited: true, errors: { ...d.errors, wording: '' } })}
            />
          </Form.Item>
        );
      },
    },
    {
      title: '改变理由',
      key: 'overrideReason',
      width: 180,
      render: (_v, i) => {
        if (!editable) return i.overrideReason ?? '';
        const d = draft(i);
        if (d.category === i.proposedCategory) return <Typography.Text type="secondary">—</Typography.Text>;
        return (
          <Form.Item
            validateStatus={d.errors.overrideReason ? 'error' : undefined}
            help={d.errors.overrideReason}
            style={{ marginBottom: 0 }}
          >
            <Input.TextArea
              aria-label={`${i.person.name}的改变理由`}
              value={d.overrideReason}
              placeholder="改变系统建议须填写理由"
              autoSize={{ minRows: 1, maxRows: 4 }}
              maxLength={500}
              onChange={(e) => setDraft(i, { overrideReason: e.target.value, errors: { ...d.errors, overrideReason: '' } })}
            />
          </Form.Item>
        );
      },
    },
    {
      title: '备注',
      key: 'remark',
      width: 140,
      render: (_v, i) => {
        if (!editable) return i.remark ?? '';
        const d = draft(i);
        return (
          <Form.Item validateStatus={d.errors.remark ? 'error' : undefined} help={d.errors.remark} style={{ marginBottom: 0 }}>
            <Input
              aria-label={`${i.person.name}的备注`}
              value={d.remark}
              maxLength={200}
              onChange={(e) => setDraft(i, { remark: e.target.value })}
            />
          </Form.Item>
        );
      },
    },
    ...(editable
      ? [
          {
            title: '操作',
            key: 'actions',
            width: 96,
            render: (_v: unknown, i: ReplyItem) => {
              const d = drafts[i.id];
              const dirty = !!d && isDirty(i, d);
              return (
                <Space orientation="vertical" size={0}>
                  <Button type="link" size="small" disabled={!dirty} loading={savingIds.has(i.id)} onClick={() => void saveItems([i.id])}>
                    保存
                  </Button>
                  {dirty ? (
                    <Button type="link" size="small" onClick={() => discard(i.id)}>
                      撤销修改
                    </Button>
                  ) : null}
                  {d?.errors._ ? <Typography.Text type="danger">{d.errors._}</Typography.Text> : null}
                </Space>
              );
            },
          },
        ]
      : []),
  ];

  return (
    <div data-testid="reply-view" data-status={reply.status}>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex justify="space-between" align="flex-start" gap={16} wrap>
          <div>
            <Space size={12} align="center" wrap>
              <ReplyStatusTag status={reply.status} />
              {reply.docNumber ? (
                <span className="qinglian-doc-number" data-testid="reply-doc-number">
                  {reply.docNumber}
                </span>
              ) : (
                <Typography.Text type="secondary">文号在签发时分配</Typography.Text>
              )}
              {reply.status === 'voided' ? <Tag color="default">已作废</Tag> : null}
            </Space>
            <Descriptions size="small" column={4} style={{ marginTop: 8 }}>
              <Descriptions.Item label="核查截至">{formatDate(reply.replyDate)}</Descriptions.Item>
              <Descriptions.Item label={reply.issuedAt ? '成文日期' : '成文日期（如今天签发）'}>
                <span data-testid="letter-date">{formatDate(reply.letterDate)}</span>
              </Descriptions.Item>
              <Descriptions.Item label="承办">{reply.draftedBy ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="审核">
                {reply.reviewedBy ? `${reply.reviewedBy}（${formatDateTime(reply.reviewedAt)}）` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label="签发">
                {reply.issuedBy ? `${reply.issuedBy}（${formatDateTime(reply.issuedAt)}）` : '—'}
              </Descriptions.Item>
            </Descriptions>
            {reply.supersedesDocNumber ? <Typography.Text>本回复是对{reply.supersedesDocNumber}的更正。</Typography.Text> : null}
          </div>
          <Space wrap>
            {reply.status === 'draft' && can('opinionReplies.reassess') ? (
              <Tooltip title={dirtyIds.length ? `还有${dirtyIds.length}人的修改未保存` : '登记了新的处分或在查事项后，重新核查'}>
                <Button disabled={dirtyIds.length > 0} loading={busy === '重新核查'} onClick={reassess}>
                  重新核查
                </Button>
              </Tooltip>
            ) : null}
            {reply.status === 'draft' && can('opinionReplies.review') ? (
              <Tooltip title={reviewBlock}>
                <Button type="primary" disabled={!!reviewBlock} loading={busy === '审核'} onClick={review}>
                  审核通过
                </Button>
              </Tooltip>
            ) : null}
            {reply.status === 'reviewed' && can('opinionReplies.returnToDraft') ? (
              <Button loading={busy === '退回'} onClick={returnToDraft}>
                退回承办
              </Button>
            ) : null}
            {reply.status === 'reviewed' && can('opinionReplies.issue') ? (
              <Button type="primary" danger loading={busy === '签发'} onClick={issue}>
                签发
              </Button>
            ) : null}
            <Link to={LETTER_PATHS.reply(reply.id)}>
              <Button>打印/预览</Button>
            </Link>
            {reply.status === 'issued' ? (
              <SavePdfButton request={{ kind: 'replyLetters', replyIds: [reply.id] }} label="保存复函文件" />
            ) : null}
            {reply.status === 'issued' && can('opinionReplies.supersede') ? (
              <Button loading={busy === '更正'} onClick={supersede}>
                更正回复
              </Button>
            ) : null}
            {reply.status !== 'voided' && can('opinionReplies.void') ? (
              <Button danger onClick={() => setVoiding(true)}>
                作废
              </Button>
            ) : null}
          </Space>
        </Flex>
        {reply.status === 'draft' && reply.reviewResetReason ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 8 }}
            data-testid="review-reset"
            title={`已退回待审核：${reply.reviewResetReason}`}
          />
        ) : null}
        {reply.status === 'draft' && reviewBlock ? (
          <Alert type="info" showIcon style={{ marginTop: 8 }} title={`审核前：${reviewBlock}。`} data-testid="review-block" />
        ) : null}
        {reply.status === 'reviewed' ? (
          <Alert type="info" showIcon style={{ marginTop: 8 }} title="已审核，内容不能再修改；如需修改，请退回承办。" />
        ) : null}
        {reply.status === 'issued' ? (
          <Alert type="success" showIcon style={{ marginTop: 8 }} title="已签发，回复内容已固定；如需更正，请新建更正回复。" />
        ) : null}
        {reply.status === 'voided' ? (
          <Alert type="warning" showIcon style={{ marginTop: 8 }} title={`已作废：${reply.voidReason ?? ''}`} />
        ) : null}
        {reply.issuedDocument ? <IssuedDocumentNote info={reply.issuedDocument} what="复函" /> : null}
      </Card>

      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={12} align="center" wrap data-testid="reply-summary">
          <Typography.Text strong>共{reply.items.length}人：</Typography.Text>
          {CONCLUSIONS.map((c) => (
            <span key={c} data-testid={`count-${c}`}>
              <ConclusionTag category={c} /> {reply.counts[c]}人
            </span>
          ))}
          <Typography.Text type="secondary">其中改变系统建议{changedCount}人</Typography.Text>
        </Flex>
      </Card>

      <ChecksPanel reply={reply} sections={sections} />

      <Card size="small" title="逐人意见">
        <Flex gap={12} align="center" wrap style={{ marginBottom: 8 }}>
          <Segmented<Filter>
            value={filter}
            onChange={(v) => {
              setFilter(v);
              setPage(1);
            }}
            options={[
              { value: 'all', label: `全部 ${reply.items.length}` },
              ...CONCLUSIONS.map((c) => ({ value: c, label: `${CONCLUSION_LABELS[c]} ${reply.counts[c]}` })),
              { value: 'changed', label: `已改变 ${changedCount}` },
            ]}
          />
          {editable && dirtyIds.length ? (
            <Button type="primary" loading={savingIds.size > 0} onClick={() => void saveItems(dirtyIds)}>
              保存全部修改（{dirtyIds.length}人）
            </Button>
          ) : null}
        </Flex>
        <Table<ReplyItem>
          rowKey="id"
          size="small"
          tableLayout="fixed"
          columns={columns}
          dataSource={shown}
          rowClassName={(i) => (i.category !== i.proposedCategory ? 'qinglian-row-changed' : '')}
          expandable={{ expandedRowRender: (i) => <Findings item={i} />, columnTitle: '核查情况', columnWidth: 72 }}
          pagination={{
            current: page,
            pageSize: 50,
            onChange: setPage,
            showSizeChanger: false,
            hideOnSinglePage: true,
            showTotal: (t) => `共 ${t} 人`,
          }}
        />
      </Card>

      <VoidModal open={voiding} reply={reply} onClose={() => setVoiding(false)} />
    </div>
  );
}

function VoidModal({ open, reply, onClose }: { open: boolean; reply: ReplyDetail; onClose: () => void }) {
  const updated = useReplyUpdated();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const parsed = repliesVoidInput.safeParse({ id: reply.id, rev: reply.rev, reason });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '请填写作废理由');
      return;
    }
    setSaving(true);
    try {
      updated(await call('opinionReplies.void', parsed.data));
      message.success('回复已作废');
      setReason('');
      setError(null);
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title="作废回复"
      okText="作废"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: saving }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {reply.docNumber ? `作废后文号“${reply.docNumber}”在文号登记中标为作废，不再使用。` : '作废后这份回复不能再办理，可重新拟办。'}
      </Typography.Paragraph>
      <Form.Item label="作废理由" required validateStatus={error ? 'error' : undefined} help={error} layout="vertical">
        <Input.TextArea
          aria-label="作废理由"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoSize={{ minRows: 2, maxRows: 5 }}
          maxLength={200}
        />
      </Form.Item>
    </Modal>
  );
}
