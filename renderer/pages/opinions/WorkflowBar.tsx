/**
 * The reply's buttons, drawn from the workflow table (replyWorkflow.ts): each action the
 * account may do in this state, then 打印/预览 and 保存复函文件, then 更正 and 作废.
 */
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { ReplyDetail } from '../../../core/opinions/contract';
import { ApiError, errorMessage } from '../../api/errors';
import { queryKey } from '../../api/hooks';
import { SavePdfButton } from '../../components/SavePdfButton';
import { useCan } from '../../lib/permissions';
import { LETTER_PATHS } from '../letters/paths';
import { IssueDates } from './IssueDates';
import { WORKFLOW_ACTIONS, offeredActions, type WorkflowAction, type WorkflowState } from './replyWorkflow';
import { useReplyUpdated } from './useReplyUpdated';

export function WorkflowBar({
  state,
  onVoid,
  onSuperseded,
}: {
  state: WorkflowState;
  /** 作废 opens its dialog (a reason is required). */
  onVoid: () => void;
  onSuperseded: (id: string) => void;
}) {
  const { reply } = state;
  const can = useCan();
  const { modal, message } = App.useApp();
  const updated = useReplyUpdated();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<string | null>(null);

  const act = async (a: WorkflowAction, run: (r: ReplyDetail) => Promise<ReplyDetail>) => {
    setBusy(a.name);
    try {
      const detail = await run(reply);
      updated(a.channel, detail);
      if (a.done) message.success(a.done);
      if (a.then === 'docNumber' && detail.docNumber) message.success(`文号：${detail.docNumber}`);
      if (a.then === 'openNew') onSuperseded(detail.id);
    } catch (e) {
      modal.error({ title: `${a.name}未完成`, content: errorMessage(e), okText: '知道了' });
      // A refusal because the reply changed (e.g. sent back to 待审核): show its state now.
      if (e instanceof ApiError && e.code === 'CONFLICT')
        void queryClient.invalidateQueries({ queryKey: queryKey('opinionReplies.get', { id: reply.id }) });
    } finally {
      setBusy(null);
    }
  };

  const onClick = (a: WorkflowAction) => {
    const run = a.run;
    if (!run) return onVoid();
    if (!a.confirm) return void act(a, run);
    modal.confirm({
      title: a.confirm.title,
      content: a.confirm.content === 'issueDates' ? <IssueDates reply={reply} /> : a.confirm.content,
      okText: a.confirm.okText,
      cancelText: '取消',
      onOk: () => act(a, run),
    });
  };

  const button = (a: WorkflowAction) => {
    const blocked = a.blocked?.(state) ?? null;
    const b = (
      <Button
        key={a.name}
        type={a.type}
        danger={a.danger}
        disabled={!!blocked}
        loading={a.run ? busy === a.name : undefined}
        onClick={() => onClick(a)}
      >
        {a.label}
      </Button>
    );
    return a.blocked ? (
      <Tooltip key={a.name} title={blocked ?? a.hint}>
        {b}
      </Tooltip>
    ) : (
      b
    );
  };

  const offered = offeredActions(WORKFLOW_ACTIONS, reply.status, can);
  return (
    <Space wrap>
      {offered.filter((a) => a.group === 'flow').map(button)}
      <Link to={LETTER_PATHS.reply(reply.id)}>
        <Button>打印/预览</Button>
      </Link>
      {reply.status === 'issued' ? <SavePdfButton request={{ kind: 'replyLetters', replyIds: [reply.id] }} label="保存复函文件" /> : null}
      {offered.filter((a) => a.group === 'correct').map(button)}
    </Space>
  );
}
