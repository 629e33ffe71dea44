/** React Query over the typed client: one query key per (channel, input). */
import { keepPreviousData, useMutation, useQuery, useQueryClient, type UseQueryOptions } from '@tanstack/react-query';
import { INVALIDATES, type Channel, type Input, type Result } from '../../core/api';
import { call } from './client';
import type { ApiError } from './errors';

export const queryKey = <C extends Channel>(channel: C, input?: Input<C>) => (input === undefined ? [channel] : [channel, input]);

type QueryOpts<C extends Channel> = Omit<UseQueryOptions<Result<C>, ApiError>, 'queryKey' | 'queryFn'> & {
  /** Keep showing the last page while the next one loads (tables). */
  keepPrevious?: boolean;
};

export function useApiQuery<C extends Channel>(channel: C, input: Input<C>, options: QueryOpts<C> = {}) {
  const { keepPrevious, ...rest } = options;
  return useQuery<Result<C>, ApiError>({
    queryKey: queryKey(channel, input),
    queryFn: () => call(channel, input),
    ...(keepPrevious ? { placeholderData: keepPreviousData } : {}),
    ...rest,
  });
}

/** A writing call; on success, the queries core/api.ts INVALIDATES names for the channel are refetched. */
export function useApiMutation<C extends Channel>(channel: C) {
  const queryClient = useQueryClient();
  const invalidates = INVALIDATES[channel] ?? [];
  return useMutation<Result<C>, ApiError, Input<C>>({
    mutationFn: (input) => call(channel, input),
    onSuccess: async () => {
      await Promise.all(invalidates.map((c) => queryClient.invalidateQueries({ queryKey: [c] })));
    },
  });
}
