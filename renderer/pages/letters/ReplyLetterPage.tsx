/** 打印/预览 of one reply: the letter (复函, with its attached table when long) or a landscape list of its persons. */
import { Alert, Button, Card, Segmented, Space, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { REPLY_STATUS_LABELS } from '../../../core/opinions/contract';
import { useApiQuery } from '../../api/hooks';
import { LetterPreview } from '../../components/LetterPreview';
import { requestPath } from '../../lib/links';
import { PageHeader } from '../PageHeader';

export function ReplyLetterPage() {
  const { replyId = '' } = useParams();
  const navigate = useNavigate();
  const reply = useApiQuery('opinionReplies.get', { id: replyId });
  const [kind, setKind] = useState<'letter' | 'persons'>('letter');
  const r = reply.data;
  return (
    <div>
      <PageHeader title="打印复函" />
      {reply.error ? <Alert type="error" showIcon title={reply.error.message} /> : null}
      {r ? (
        <Card size="small">
          <Space wrap style={{ marginBottom: 12 }}>
            <Typography.Text strong>{r.docNumber ?? '（未签发）'}</Typography.Text>
            <Typography.Text>
              {r.request.requester}：{r.request.title}（{r.items.length}人，{REPLY_STATUS_LABELS[r.status]}）
            </Typography.Text>
            <Button size="small" onClick={() => navigate(requestPath(r.request.id, r.id))}>
              返回回复
            </Button>
          </Space>
          <div style={{ marginBottom: 8 }}>
            <Segmented
              value={kind}
              onChange={(v) => setKind(v as 'letter' | 'persons')}
              options={[
                { value: 'letter', label: '复函' },
                { value: 'persons', label: '人员及意见（横向台账）' },
              ]}
            />
          </div>
          <LetterPreview
            request={kind === 'letter' ? { kind: 'replyLetters', replyIds: [r.id] } : { kind: 'replyPersons', replyId: r.id }}
          />
        </Card>
      ) : null}
    </div>
  );
}
