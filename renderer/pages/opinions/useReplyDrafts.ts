/**
 * The clerk's unsaved changes to a draft reply's items: one draft per touched item, which
 * of them differ from what is saved, and saving one or all (each checked first; the first
 * refusal stops the run and stays on that item).
 */
import { App } from 'antd';
import { useState } from 'react';
import type { ReplyDetail, ReplyItem } from '../../../core/opinions/contract';
import { call } from '../../api/client';
import { ApiError, errorMessage } from '../../api/errors';
import { checkDraft, draftOf, type ItemDraft } from './replyDrafts';
import { unsavedIds } from './replyWorkflow';
import { useReplyUpdated } from './useReplyUpdated';

export function useReplyDrafts(reply: ReplyDetail) {
  const { message } = App.useApp();
  const updated = useReplyUpdated();
  const [drafts, setDrafts] = useState<Record<string, ItemDraft>>({});
  const [savingIds, setSavingIds] = useState<Set<string>>(new Set());

  const draft = (item: ReplyItem) => drafts[item.id] ?? draftOf(item);
  const setDraft = (item: ReplyItem, patch: Partial<ItemDraft>) =>
    setDrafts((all) => ({ ...all, [item.id]: { ...(all[item.id] ?? draftOf(item)), ...patch } }));
  const discard = (id: string) =>
    setDrafts((all) => {
      const next = { ...all };
      delete next[id];
      return next;
    });

  const save = async (ids: string[]) => {
    const checked = ids.map((id) => {
      const item = reply.items.find((i) => i.id === id)!;
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
          updated('opinionReplies.updateItem', await call('opinionReplies.updateItem', c.result.input));
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

  return {
    /** The items with unsaved changes. */
    unsaved: unsavedIds(reply.items, drafts),
    /** The draft of an item that has one (for its 保存 / 撤销修改 / error). */
    touched: (id: string): ItemDraft | undefined => drafts[id],
    draft,
    setDraft,
    discard,
    save,
    isSaving: (id: string) => savingIds.has(id),
    saving: savingIds.size > 0,
  };
}

export type ReplyDrafts = ReturnType<typeof useReplyDrafts>;
