/**
 * 主送对象 of a letter: the receipt summary ("签收率 60%（3/5）"), the 未签收 list, and the
 * table where 签收人 / 签收日期 (and, for 工作提醒函, 反馈期限 / 反馈日期) are entered row by
 * row. Rows not yet signed for are open for entry once the letter is issued; a signed row
 * opens with "修改". Overdue feedback is red.
 */
import { Alert, App, Button, Card, Flex, Input, Progress, Space, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState, type KeyboardEvent } from 'react';
import { remindersReceiptInput, type Addressee, type ReminderDetail } from '../../../core/reminders/contract';
import { ApiError, errorMessage } from '../../api/errors';
import { useApiMutation } from '../../api/hooks';
import { DateInput } from '../../components/DateInput';
import { wholePercent } from '../../components/RateProgress';
import { cnDate } from '../../lib/dates';
import { issuesToFields } from '../../lib/zodForm';
import { isComposingKey, useCompositionFlag } from '../../lib/ime';

interface Draft {
  receiptSigner: string;
  receiptDate: string | null;
  feedbackDueDate: string | null;
  feedbackDate: string | null;
}

const draftOf = (a: Addressee): Draft => ({
  receiptSigner: a.receiptSigner ?? '',
  receiptDate: a.receiptDate,
  feedbackDueDate: a.feedbackDueDate,
  feedbackDate: a.feedbackDate,
});

export interface AddresseesCardProps {
  letter: ReminderDetail;
  /** May record receipts (the account's role). */
  canRecord: boolean;
  /** May change the addressees. */
  canChange: boolean;
  onChangeAddressees: () => void;
}

export function AddresseesCard({ letter, canRecord, canChange, onChangeAddressees }: AddresseesCardProps) {
  const { modal, message } = App.useApp();
  const record = useApiMutation('reminderLetters.recordReceipt');
  /** Rows being entered or changed (a signed row opens with 修改). */
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [errors, setErrors] = useState<Record<string, Record<string, string>>>({});
  const [savingId, setSavingId] = useState<string | null>(null);
  const { composing, handlers } = useCompositionFlag();

  const issued = letter.status === 'issued';
  const work = letter.kind === '工作提醒函';
  const editable = (a: Addressee) => issued && canRecord && (!a.receiptDate || a.id in drafts);
  const draft = (a: Addressee): Draft => drafts[a.id] ?? draftOf(a);
  const setDraft = (a: Addressee, patch: Partial<Draft>) => setDrafts((d) => ({ ...d, [a.id]: { ...(d[a.id] ?? draftOf(a)), ...patch } }));
  const dropDraft = (id: string) => {
    setDrafts(({ [id]: _dropped, ...rest }) => rest);
    setErrors(({ [id]: _dropped, ...rest }) => rest);
  };

  const save = async (a: Addressee, values: Draft) => {
    const input = {
      addresseeId: a.id,
      rev: a.rev,
      receiptSigner: values.receiptSigner,
      receiptDate: values.receiptDate,
      ...(work ? { feedbackDueDate: values.feedbackDueDate, feedbackDate: values.feedbackDate } : {}),
    };
    const parsed = remindersReceiptInput.safeParse(input);
    if (!parsed.success) {
      setErrors((e) => ({ ...e, [a.id]: issuesToFields(parsed.error) }));
      return;
    }
    setSavingId(a.id);
    try {
      await record.mutateAsync(parsed.data);
      dropDraft(a.id);
      message.success(parsed.data.receiptDate ? `已登记“${shortName(a)}”的签收` : `已清除“${shortName(a)}”的签收记录`);
    } catch (e) {
      const fields = e instanceof ApiError && e.fields ? e.fields : {};
      setErrors((all) => ({ ...all, [a.id]: { ...fields, _: errorMessage(e) } }));
    } finally {
      setSavingId(null);
    }
  };

  const clear = (a: Addressee) =>
    modal.confirm({
      title: `清除“${shortName(a)}”的签收记录？`,
      content: '仅用于纠正误登。清除后该对象计为未签收。',
      okText: '清除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: () => save(a, { receiptSigner: '', receiptDate: null, feedbackDueDate: a.feedbackDueDate, feedbackDate: null }),
    });

  const enterSaves = (a: Addressee) => (e: KeyboardEvent<HTMLElement>) => {
    if (e.key !== 'Enter' || isComposingKey(e, composing.current)) return;
    if ((e.target as HTMLElement).closest('.ant-picker')) return; // Enter in a date field takes the typed date
    e.preventDefault();
    void save(a, draft(a));
  };

  const fieldError = (a: Addressee, key: string) => {
    const msg = errors[a.id]?.[key];
    return msg ? (
      <Typography.Text type="danger" style={{ fontSize: 12, display: 'block' }} role="alert">
        {msg}
      </Typography.Text>
    ) : null;
  };

  const columns: TableProps<Addressee>['columns'] = [
    { title: '序号', dataIndex: 'lineNo', key: 'lineNo', width: 60 },
    {
      title: '主送对象',
      key: 'name',
      render: (_v, a) => (
        <Space size={6}>
          <Tag color={a.kind === 'unit' ? 'geekblue' : 'purple'} style={{ marginInlineEnd: 0 }}>
            {a.kind === 'unit' ? '单位' : '个人'}
          </Tag>
          <span>{a.name}</span>
        </Space>
      ),
    },
    {
      title: '签收人',
      key: 'receiptSigner',
      width: 170,
      render: (_v, a) =>
        editable(a) ? (
          <div>
            <Input
              aria-label={`第${a.lineNo}行签收人`}
              value={draft(a).receiptSigner}
              maxLength={20}
              placeholder="签收人"
              onChange={(e) => setDraft(a, { receiptSigner: e.target.value })}
              onKeyDown={enterSaves(a)}
              status={errors[a.id]?.receiptSigner ? 'error' : undefined}
              {...handlers}
            />
            {fieldError(a, 'receiptSigner')}
          </div>
        ) : (
          (a.receiptSigner ?? '')
        ),
    },
    {
      title: '签收日期',
      key: 'receiptDate',
      width: 170,
      render: (_v, a) =>
        editable(a) ? (
          <div>
            <DateInput
              aria-label={`第${a.lineNo}行签收日期`}
              value={draft(a).receiptDate}
              onChange={(v) => setDraft(a, { receiptDate: v })}
              placeholder="签收日期"
            />
            {fieldError(a, 'receiptDate')}
          </div>
        ) : (
          cnDate(a.receiptDate)
        ),
    },
    ...(work
      ? ([
          {
            title: '反馈期限',
            key: 'feedbackDueDate',
            width: 170,
            render: (_v, a) =>
              editable(a) ? (
                <div>
                  <DateInput
                    aria-label={`第${a.lineNo}行反馈期限`}
                    value={draft(a).feedbackDueDate}
                    onChange={(v) => setDraft(a, { feedbackDueDate: v })}
                  />
                  {fieldError(a, 'feedbackDueDate')}
                </div>
              ) : (
                <span className={a.feedbackOverdue ? 'qinglian-reminder-due-overdue' : undefined}>{cnDate(a.feedbackDueDate)}</span>
              ),
          },
          {
            title: '反馈日期',
            key: 'feedbackDate',
            width: 170,
            render: (_v, a) =>
              editable(a) ? (
                <div>
                  <DateInput
                    aria-label={`第${a.lineNo}行反馈日期`}
                    value={draft(a).feedbackDate}
                    onChange={(v) => setDraft(a, { feedbackDate: v })}
                    placeholder="未反馈"
                  />
                  {fieldError(a, 'feedbackDate')}
                </div>
              ) : a.feedbackDate ? (
                cnDate(a.feedbackDate)
              ) : a.feedbackOverdue ? (
                <Typography.Text type="danger" strong data-testid="feedback-overdue">
                  逾期未反馈
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">未反馈</Typography.Text>
              ),
          },
        ] satisfies TableProps<Addressee>['columns'])
      : []),
    {
      title: '操作',
      key: 'actions',
      width: 150,
      render: (_v, a) => {
        if (!issued || !canRecord) return null;
        if (editable(a)) {
          return (
            <div>
              <Space size={4}>
                <Button size="small" type="primary" loading={savingId === a.id} onClick={() => void save(a, draft(a))}>
                  {a.receiptDate ? '保存' : '登记'}
                </Button>
                {a.id in drafts ? (
                  <Button size="small" onClick={() => dropDraft(a.id)} disabled={savingId === a.id}>
                    取消
                  </Button>
                ) : null}
              </Space>
              {errors[a.id]?._ && !Object.keys(errors[a.id]!).some((k) => k !== '_') ? fieldError(a, '_') : null}
            </div>
          );
        }
        return (
          <Space size={4}>
            <Button type="link" size="small" onClick={() => setDrafts((d) => ({ ...d, [a.id]: draftOf(a) }))}>
              修改
            </Button>
            <Button type="link" size="small" danger onClick={() => clear(a)}>
              清除签收
            </Button>
          </Space>
        );
      },
    },
  ];

  const percent = wholePercent(letter.receivedCount, letter.addresseeCount);
  return (
    <Card
      size="small"
      title={`主送对象（${letter.addresseeCount}）`}
      extra={
        canChange && letter.status !== 'voided' ? (
          <Button size="small" onClick={onChangeAddressees}>
            修改主送
          </Button>
        ) : null
      }
      style={{ marginBottom: 16 }}
      data-testid="addressees"
    >
      {issued ? (
        <Flex gap={24} align="center" wrap style={{ marginBottom: 12 }}>
          <Typography.Text strong style={{ fontSize: 16 }} data-testid="receipt-summary">
            签收率 {percent}%（{letter.receivedCount}/{letter.addresseeCount}）
          </Typography.Text>
          <Progress percent={percent} style={{ width: 240, margin: 0 }} />
          {work && letter.feedbackOverdueCount > 0 ? (
            <Typography.Text type="danger" strong>
              反馈逾期 {letter.feedbackOverdueCount}
            </Typography.Text>
          ) : null}
        </Flex>
      ) : (
        <Alert type="info" showIcon title="提醒函印发后，可在此登记各主送对象的签收情况。" style={{ marginBottom: 12 }} />
      )}
      {issued && letter.missing.length ? (
        <Alert
          type="warning"
          style={{ marginBottom: 12 }}
          data-testid="missing-list"
          title={
            <span>
              未签收（{letter.missing.length}）：{letter.missing.map((m) => m.name).join('、')}
            </span>
          }
        />
      ) : null}
      {issued && letter.addresseeCount > 0 && !letter.missing.length ? (
        <Alert type="success" showIcon title="全部主送对象均已签收。" style={{ marginBottom: 12 }} />
      ) : null}
      <Table<Addressee>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={letter.addressees}
        rowClassName={(a) => (a.feedbackOverdue ? 'qinglian-reminder-overdue' : '')}
        pagination={
          letter.addressees.length > 50 ? { pageSize: 50, showSizeChanger: false, showTotal: (t) => `共 ${t} 个主送对象` } : false
        }
        locale={{ emptyText: '尚未选择主送对象' }}
      />
    </Card>
  );
}

/** The unit path's last part, or the person's name (for messages). */
function shortName(a: Addressee): string {
  return a.kind === 'unit' ? (a.name.split('／').pop() ?? a.name) : (a.name.split('（')[0] ?? a.name);
}
