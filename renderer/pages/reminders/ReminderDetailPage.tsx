/**
 * One 廉洁提醒函: its content, the workflow (拟稿 → 印发 with a number → 作废), the
 * addressees with their receipts, and printing.
 */
import { App, Button, Card, Descriptions, Space, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router';
import type { ReminderDetail } from '../../../core/reminders/contract';
import { errorMessage } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { cnDate, cnPeriod } from '../../lib/dates';
import { useCan } from '../../lib/permissions';
import { useDialog } from '../../lib/useDialog';
import { DetailPending } from '../../components/DetailPending';
import { PageHeader } from '../PageHeader';
import { AddresseesCard } from './AddresseesCard';
import { ReminderStatusTag } from './labels';
import { REMINDER_PATHS, reminderEditPath, reminderPath } from './paths';
import { ReminderPrintButtons } from './ReminderPrintButtons';
import { AddresseesModal, IssueModal, VoidModal } from './ReminderDialogs';
import './reminders.css';
import { IssuedDocumentNote } from '../../components/IssuedDocumentNote';

export function ReminderDetailPage() {
  const { id = '' } = useParams<{ id: string }>();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const can = useCan();
  const query = useApiQuery('reminderLetters.get', { id });
  const remove = useApiMutation('reminderLetters.delete');
  const issuing = useDialog();
  const voiding = useDialog();
  const changing = useDialog();
  const d = query.data;

  if (query.error || !d) return <DetailPending title="廉洁提醒函" error={query.error} listPath={REMINDER_PATHS.list} />;

  const confirmDelete = () =>
    modal.confirm({
      title: `删除拟稿《${d.title}》？`,
      content: '删除后可在回收站恢复。',
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await remove.mutateAsync({ id: d.id });
          message.success('已删除，可在回收站恢复。');
          navigate(REMINDER_PATHS.list);
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });

  const draft = d.status === 'draft';
  return (
    <div>
      <PageHeader
        title={
          <Space size={12} wrap>
            <span>{d.title}</span>
            <ReminderStatusTag status={d.status} />
          </Space>
        }
        extra={
          <>
            <ReminderPrintButtons letter={d} />
            {draft && can('reminderLetters.update') ? <Button onClick={() => navigate(reminderEditPath(d.id))}>修改</Button> : null}
            {draft && can('reminderLetters.delete') ? (
              <Button danger onClick={confirmDelete}>
                删除
              </Button>
            ) : null}
            {draft && can('reminderLetters.issue') ? (
              <Button type="primary" onClick={() => issuing.open(true)}>
                印发
              </Button>
            ) : null}
            {d.status !== 'voided' && can('reminderLetters.void') ? (
              <Button danger onClick={() => voiding.open(true)}>
                作废
              </Button>
            ) : null}
            <Button onClick={() => navigate(REMINDER_PATHS.list)}>返回列表</Button>
          </>
        }
      >
        <Space size={16} style={{ marginTop: 8 }} wrap>
          {d.docNumber ? (
            <span className="qinglian-reminder-docnumber" data-testid="doc-number">
              {d.docNumber}
            </span>
          ) : (
            <Typography.Text type="secondary">文号：印发时编号</Typography.Text>
          )}
          {d.status === 'voided' ? <Typography.Text type="danger">作废理由：{d.voidReason}</Typography.Text> : null}
          {d.derivedFromId ? <Link to={reminderPath(d.derivedFromId)}>沿用自往年提醒函</Link> : null}
        </Space>
      </PageHeader>
      {d.issuedDocument ? (
        <div style={{ marginBottom: 16 }}>
          <IssuedDocumentNote info={d.issuedDocument} what="提醒函" />
        </div>
      ) : null}
      <LetterContent letter={d} />
      <AddresseesCard
        letter={d}
        canRecord={can('reminderLetters.recordReceipt')}
        canChange={can('reminderLetters.setAddressees')}
        onChangeAddressees={() => changing.open(true)}
      />
      <IssueModal
        key={issuing.key}
        open={issuing.isOpen}
        letter={d}
        onClose={issuing.close}
        onDone={(x) => message.success(`已印发，文号：${x.docNumber ?? ''}`)}
      />
      <VoidModal
        key={voiding.key}
        open={voiding.isOpen}
        letter={d}
        onClose={voiding.close}
        onDone={() => message.success('提醒函已作废')}
      />
      <AddresseesModal
        key={changing.key}
        open={changing.isOpen}
        letter={d}
        onClose={changing.close}
        onDone={() => message.success('主送对象已更新')}
      />
    </div>
  );
}

function LetterContent({ letter: d }: { letter: ReminderDetail }) {
  return (
    <Card size="small" title="提醒函内容" style={{ marginBottom: 16 }}>
      <Descriptions
        size="small"
        column={3}
        bordered
        items={[
          { key: 'kind', label: '类型', children: d.kind },
          { key: 'occasion', label: '节点', children: d.occasion },
          { key: 'year', label: '年度', children: `${d.year}年` },
          { key: 'letterDate', label: '成文日期', children: cnDate(d.letterDate) },
          { key: 'period', label: '提醒期间', children: cnPeriod(d.periodFrom, d.periodTo) || '—' },
          { key: 'signer', label: '签发人', children: d.signer ?? '—' },
          { key: 'copyTo', label: '抄送', children: d.copyTo ?? '—' },
          { key: 'delivery', label: '送达方式', children: d.deliveryMethod ?? '—' },
          ...(d.kind === '工作提醒函' ? [{ key: 'due', label: '反馈期限', children: cnDate(d.feedbackDueDate) }] : []),
          {
            key: 'keyPoints',
            label: '严禁事项',
            span: 3,
            children: d.keyPoints.length ? (
              <ol style={{ margin: 0, paddingInlineStart: 20 }}>
                {d.keyPoints.map((k) => (
                  <li key={k}>{k}</li>
                ))}
              </ol>
            ) : (
              '—'
            ),
          },
          {
            key: 'body',
            label: '正文',
            span: 3,
            children: <p className="qinglian-reminder-body">{d.body}</p>,
          },
          {
            key: 'attachments',
            label: '附件',
            span: 3,
            children: d.attachments.length ? d.attachments.map((a, i) => <div key={`${i}-${a}`}>{`${i + 1}.${a}`}</div>) : '—',
          },
        ]}
      />
    </Card>
  );
}
