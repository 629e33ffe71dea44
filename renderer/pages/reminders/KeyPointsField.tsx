/**
 * 严禁事项: a checklist picked from the office's reusable list (reminderPoints.*). The
 * letter keeps the texts it was given (copied), so items no longer in the list still show
 * (checked) when a letter or last year's copy has them. A new item can be added to the
 * list right here; the list itself is managed in a small dialog.
 */
import { Alert, App, Button, Checkbox, Flex, Input, List, Modal, Space, Typography } from 'antd';
import { useState, type KeyboardEvent } from 'react';
import { pointsCreateInput, type ReminderPoint } from '../../../core/reminders/contract';
import { errorMessage } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { isComposingKey, useCompositionFlag } from '../../lib/ime';

export interface KeyPointsFieldProps {
  value?: string[];
  onChange?: (value: string[]) => void;
  id?: string;
}

export function KeyPointsField({ value = [], onChange, id }: KeyPointsFieldProps) {
  const points = useApiQuery('reminderPoints.list', {});
  const create = useApiMutation('reminderPoints.create');
  const [adding, setAdding] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const [managing, setManaging] = useState(false);
  const { composing, handlers } = useCompositionFlag();

  const listed = points.data?.map((p) => p.text) ?? [];
  // Texts in the letter that the list no longer has, after the list, in the letter's order.
  const options = [...listed, ...value.filter((t) => !listed.includes(t))];
  // Checked items keep the order of the list (the printed order).
  const setChecked = (checked: string[]) => onChange?.(options.filter((o) => checked.includes(o)));

  const add = async () => {
    setAddError(null);
    const parsed = pointsCreateInput.safeParse({ text: adding });
    if (!parsed.success) {
      setAddError(parsed.error.issues[0]?.message ?? '输入有误');
      return;
    }
    const text = parsed.data.text;
    try {
      if (!listed.includes(text)) await create.mutateAsync({ text });
      if (!value.includes(text)) onChange?.([...value, text]);
      setAdding('');
    } catch (e) {
      setAddError(errorMessage(e));
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' || isComposingKey(e, composing.current)) return;
    e.preventDefault();
    void add();
  };

  return (
    <div id={id} data-testid="key-points">
      {points.error ? <Alert type="error" showIcon title={points.error.message} style={{ marginBottom: 8 }} /> : null}
      {options.length ? (
        <Checkbox.Group
          value={value}
          onChange={(v) => setChecked(v as string[])}
          style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
        >
          {options.map((o) => (
            <Checkbox key={o} value={o}>
              {o}
              {!listed.includes(o) && points.data ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  （不在清单中）
                </Typography.Text>
              ) : null}
            </Checkbox>
          ))}
        </Checkbox.Group>
      ) : (
        <Typography.Text type="secondary">清单还是空的，可在下面添加常用的严禁事项。</Typography.Text>
      )}
      <Flex gap={8} style={{ marginTop: 8 }} wrap>
        <Input
          aria-label="新的严禁事项"
          placeholder="如：严禁违规收送节礼"
          value={adding}
          maxLength={200}
          onChange={(e) => setAdding(e.target.value)}
          onKeyDown={onKeyDown}
          {...handlers}
          style={{ flex: '1 1 260px' }}
          status={addError ? 'error' : undefined}
        />
        <Button onClick={() => void add()} loading={create.isPending}>
          加入清单并勾选
        </Button>
        <Button onClick={() => setManaging(true)}>管理清单</Button>
      </Flex>
      {addError ? (
        <Typography.Text type="danger" role="alert">
          {addError}
        </Typography.Text>
      ) : null}
      {managing ? <PointsListModal onClose={() => setManaging(false)} points={points.data ?? []} /> : null}
    </div>
  );
}

/** Edit and delete items of the reusable list. Letters already written keep their copies. */
function PointsListModal({ points, onClose }: { points: ReminderPoint[]; onClose: () => void }) {
  const { modal } = App.useApp();
  const update = useApiMutation('reminderPoints.update');
  const remove = useApiMutation('reminderPoints.delete');
  const create = useApiMutation('reminderPoints.create');
  const [editing, setEditing] = useState<{ id: string; rev: number; text: string } | null>(null);
  const [adding, setAdding] = useState('');
  const [error, setError] = useState<string | null>(null);
  const { composing, handlers } = useCompositionFlag();

  const saveEdit = async () => {
    if (!editing) return;
    setError(null);
    try {
      await update.mutateAsync(editing);
      setEditing(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const add = async () => {
    setError(null);
    const parsed = pointsCreateInput.safeParse({ text: adding });
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? '输入有误');
      return;
    }
    try {
      await create.mutateAsync(parsed.data);
      setAdding('');
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  const enter = (action: () => Promise<void>) => (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter' || isComposingKey(e, composing.current)) return;
    e.preventDefault();
    void action();
  };

  return (
    <Modal open title="严禁事项清单" onCancel={onClose} footer={<Button onClick={onClose}>关闭</Button>} width={640}>
      <Typography.Paragraph type="secondary">修改或删除清单中的事项，不影响已写好的提醒函。</Typography.Paragraph>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      <div {...handlers}>
        <List
          size="small"
          bordered
          dataSource={points}
          locale={{ emptyText: '清单为空' }}
          renderItem={(p) => (
            <List.Item
              actions={
                editing?.id === p.id
                  ? [
                      <Button key="save" type="link" size="small" onClick={() => void saveEdit()} loading={update.isPending}>
                        保存
                      </Button>,
                      <Button key="cancel" type="link" size="small" onClick={() => setEditing(null)}>
                        取消
                      </Button>,
                    ]
                  : [
                      <Button key="edit" type="link" size="small" onClick={() => setEditing({ id: p.id, rev: p.rev, text: p.text })}>
                        修改
                      </Button>,
                      <Button
                        key="delete"
                        type="link"
                        size="small"
                        danger
                        onClick={() =>
                          modal.confirm({
                            title: `从清单中删除“${p.text}”？`,
                            content: '已写好的提醒函不受影响。',
                            okText: '删除',
                            okButtonProps: { danger: true },
                            cancelText: '取消',
                            onOk: async () => {
                              try {
                                await remove.mutateAsync({ id: p.id });
                              } catch (e) {
                                setError(errorMessage(e));
                              }
                            },
                          })
                        }
                      >
                        删除
                      </Button>,
                    ]
              }
            >
              {editing?.id === p.id ? (
                <Input
                  aria-label="修改严禁事项"
                  autoFocus
                  value={editing.text}
                  maxLength={200}
                  onChange={(e) => setEditing({ ...editing, text: e.target.value })}
                  onKeyDown={enter(saveEdit)}
                />
              ) : (
                p.text
              )}
            </List.Item>
          )}
        />
        <Space.Compact style={{ width: '100%', marginTop: 12 }}>
          <Input
            aria-label="添加到清单"
            placeholder="新的严禁事项"
            value={adding}
            maxLength={200}
            onChange={(e) => setAdding(e.target.value)}
            onKeyDown={enter(add)}
          />
          <Button onClick={() => void add()} loading={create.isPending}>
            添加
          </Button>
        </Space.Compact>
      </div>
    </Modal>
  );
}
