/**
 * 工作台 (home page): what waits for this account, by role (workBoard.get), and the last
 * backup (the banner above every page says it here). Every record is a link to the page
 * behind it, reachable with Tab.
 */
import { Alert, Badge, Card, Col, Empty, List, Row, Spin, Typography } from 'antd';
import { Link } from 'react-router';
import type { WorkLine, WorkTarget } from '../../../core/workBoard/contract';
import { useApiQuery } from '../../api/hooks';
import { cnDate } from '../../lib/dates';
import { personDossierPath, requestPath } from '../../lib/links';
import { campaignPath } from '../pledges/paths';
import { reminderPath } from '../reminders/paths';
import { PageHeader } from '../PageHeader';

export function targetPath(t: WorkTarget): string {
  switch (t.kind) {
    case 'request':
      return requestPath(t.requestId, t.replyId);
    case 'reminder':
      return reminderPath(t.reminderId);
    case 'campaign':
      return campaignPath(t.campaignId);
    case 'person':
      return personDossierPath(t.personId);
  }
}

function BoardLine({ line }: { line: WorkLine }) {
  return (
    <Card
      size="small"
      data-testid={`board-${line.key}`}
      title={
        <span>
          {line.title} <Badge count={line.count} showZero color={line.count ? '#d4380d' : '#bfbfbf'} />
        </span>
      }
      style={{ height: '100%' }}
    >
      {line.items.length ? (
        <List
          size="small"
          dataSource={line.items}
          renderItem={(item) => (
            <List.Item style={{ paddingInline: 0 }}>
              <div>
                <Link to={targetPath(item.target)}>{item.text}</Link>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {item.detail}
                  </Typography.Text>
                </div>
              </div>
            </List.Item>
          )}
          footer={
            line.count > line.items.length ? (
              <Typography.Text type="secondary">另有{line.count - line.items.length}项未列出</Typography.Text>
            ) : null
          }
        />
      ) : (
        <Typography.Text type="secondary">暂无</Typography.Text>
      )}
    </Card>
  );
}

export function HomePage() {
  const board = useApiQuery('workBoard.get', {}, { refetchOnMount: 'always' });
  return (
    <div>
      <PageHeader title="工作台">
        {board.data ? <Typography.Text type="secondary">截至{cnDate(board.data.today)}</Typography.Text> : null}
      </PageHeader>
      {board.error ? <Alert type="error" showIcon title={board.error.message} /> : null}
      {board.isLoading ? (
        <Spin tip="正在读取待办事项…">
          <div style={{ height: 120 }} />
        </Spin>
      ) : null}
      {board.data ? (
        board.data.lines.length ? (
          <Row gutter={[12, 12]}>
            {board.data.lines.map((l) => (
              <Col key={l.key} xs={24} lg={12} xxl={8}>
                <BoardLine line={l} />
              </Col>
            ))}
          </Row>
        ) : (
          <Empty description="您的角色没有待办事项" />
        )
      ) : null}
    </div>
  );
}
