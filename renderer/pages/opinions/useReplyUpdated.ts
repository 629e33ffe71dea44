/** After a write to a reply: its new state goes into the cache, and the lists that show it are refetched. */
import { useQueryClient } from '@tanstack/react-query';
import type { ReplyDetail } from '../../../core/opinions/contract';
import type { Channel } from '../../../core/api';
import { queryKey } from '../../api/hooks';

const AFFECTED: Channel[] = [
  'opinionRequests.get',
  'opinionRequests.list',
  'opinionReplies.list',
  'people.dossier',
  'opinionReplies.lastCheckers',
  'workBoard.get',
];

/** After a write: the answer is the new state of the reply; lists that show it are refetched. */
export function useReplyUpdated() {
  const queryClient = useQueryClient();
  return (detail: ReplyDetail) => {
    queryClient.setQueryData(queryKey('opinionReplies.get', { id: detail.id }), detail);
    void Promise.all(AFFECTED.map((c) => queryClient.invalidateQueries({ queryKey: [c] })));
  };
}
