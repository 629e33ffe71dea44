import { QueryClient } from '@tanstack/react-query';

/**
 * The backend is local: "offline" never applies (networkMode 'always'), and a failed
 * call is shown, not silently retried (a retry could repeat a write).
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { networkMode: 'always', retry: false, refetchOnWindowFocus: false, staleTime: 0 },
      mutations: { networkMode: 'always', retry: false },
    },
  });
}
