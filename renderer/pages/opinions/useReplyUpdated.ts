/**
 * After a write to a reply: its new state goes into the cache, and the queries the
 * contract's INVALIDATES names for that channel (core/api.ts) are refetched.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { ReplyDetail } from '../../../core/opinions/contract';
import { INVALIDATES, type Channel } from '../../../core/api';
import { queryKey } from '../../api/hooks';

export function useReplyUpdated() {
  const queryClient = useQueryClient();
  return (channel: Channel, detail: ReplyDetail) => {
    queryClient.setQueryData(queryKey('opinionReplies.get', { id: detail.id }), detail);
    void Promise.all((INVALIDATES[channel] ?? []).map((c) => queryClient.invalidateQueries({ queryKey: [c] })));
  };
}
