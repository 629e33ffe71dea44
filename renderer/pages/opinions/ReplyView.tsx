/**
 * One reply (复函): its state and number, the per-person opinions (editable while 承办中),
 * what the check found for each person, the sections' checks, and the workflow buttons
 * the account's roles allow. Reviewed, issued and voided replies are shown read-only.
 * The parts: useReplyDrafts (unsaved edits), replyWorkflow + WorkflowBar (the buttons as a
 * table), replyColumns (the 逐人意见 columns), ChecksPanel, Findings, VoidModal.
 */
import { Alert, Button, Card, Descriptions, Flex, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { CONCLUSIONS, CONCLUSION_LABELS, type ReplyDetail, type ReplyItem } from '../../../core/opinions/contract';
import { IssuedDocumentNote } from '../../components/IssuedDocumentNote';
import { formatDate, formatDateTime } from '../../lib/format';
import { useCan } from '../../lib/permissions';
import { ChecksPanel } from './ChecksPanel';
import { Findings } from './Findings';
import { ConclusionTag, ReplyStatusTag } from './labels';
import { replyColumns } from './replyColumns';
import { filterItems, reviewBlock, type ItemFilter } from './replyWorkflow';
import { useReplyDrafts } from './useReplyDrafts';
import { VoidModal } from './VoidModal';
import { WorkflowBar } from './WorkflowBar';

export { useReplyUpdated } from './useReplyUpdated';

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
  const editable = reply.status === 'draft' && can('opinionReplies.updateItem');
  const drafts = useReplyDrafts(reply);
  const [filter, setFilter] = useState<ItemFilter>('all');
  const [page, setPage] = useState(1);
  const [voiding, setVoiding] = useState(false);
  const state = { reply, unsaved: drafts.unsaved.length };
  const blocked = reviewBlock(state);
  const changedCount = filterItems(reply.items, 'changed').length;

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
          <WorkflowBar state={state} onVoid={() => setVoiding(true)} onSuperseded={onSuperseded} />
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
        {reply.status === 'draft' && blocked ? (
          <Alert type="info" showIcon style={{ marginTop: 8 }} title={`审核前：${blocked}。`} data-testid="review-block" />
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
          <Segmented<ItemFilter>
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
          {editable && drafts.unsaved.length ? (
            <Button type="primary" loading={drafts.saving} onClick={() => void drafts.save(drafts.unsaved)}>
              保存全部修改（{drafts.unsaved.length}人）
            </Button>
          ) : null}
        </Flex>
        <Table<ReplyItem>
          rowKey="id"
          size="small"
          tableLayout="fixed"
          columns={replyColumns(editable ? drafts : null, reply.request.purpose)}
          dataSource={filterItems(reply.items, filter)}
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
