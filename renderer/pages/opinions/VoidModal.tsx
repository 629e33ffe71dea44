/** 作废: a reply is voided with a reason (an issued one's number is marked void in the number register). */
import { App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { repliesVoidInput, type ReplyDetail } from '../../../core/opinions/contract';
import { call } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useReplyUpdated } from './useReplyUpdated';

export function VoidModal({ open, reply, onClose }: { open: boolean; reply: ReplyDetail; onClose: () => void }) {
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
      updated('opinionReplies.void', await call('opinionReplies.void', parsed.data));
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
