/**
 * Where the app stands: first-run setup, login, or logged in (with the account and the
 * office name). Any UNAUTHENTICATED answer from the backend sends the clerk back to
 * the login screen.
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { CurrentUser, LoginResult } from '../../core/users/contract';
import { call, onUnauthenticated } from '../api/client';
import { ApiError, errorMessage } from '../api/errors';
import { getSessionId, setSessionId } from '../api/session';

export type AuthState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  /** The data file is damaged: the host answers only 从备份恢复 (renderer/pages/backup/RecoveryPage.tsx). */
  | { status: 'damaged'; message: string }
  | { status: 'setup' }
  | { status: 'login'; authorityName: string | null; notice?: string }
  | { status: 'ready'; user: CurrentUser; authorityName: string | null };

interface AuthApi {
  state: AuthState;
  /** Re-reads setup status and the session (after setup, or "重试"). */
  reload: () => Promise<void>;
  loggedIn: (result: LoginResult) => void;
  logout: () => Promise<void>;
  /** The office name changed in 设置. */
  setAuthorityName: (name: string) => void;
}

const AuthContext = createContext<AuthApi | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });
  const queryClient = useQueryClient();

  const reload = useCallback(async () => {
    try {
      const status = await call('setup.status', {});
      if (!status.initialized) {
        setState({ status: 'setup' });
        return;
      }
      if (!getSessionId()) {
        setState({ status: 'login', authorityName: status.authorityName });
        return;
      }
      try {
        const user = await call('auth.me', {});
        setState({ status: 'ready', user, authorityName: status.authorityName });
      } catch (error) {
        if (error instanceof ApiError && error.code === 'UNAUTHENTICATED') {
          setSessionId(null);
          setState({ status: 'login', authorityName: status.authorityName });
        } else throw error;
      }
    } catch (error) {
      if (error instanceof ApiError && error.code === 'DB_UNREADABLE') setState({ status: 'damaged', message: error.message });
      else setState({ status: 'error', message: errorMessage(error) });
    }
  }, []);

  useEffect(() => {
    // Loads from the backend once at start; every setState in reload() follows an await.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void reload();
  }, [reload]);

  useEffect(
    () =>
      onUnauthenticated((error) => {
        setSessionId(null);
        queryClient.clear();
        setState((s) => ({
          status: 'login',
          authorityName: s.status === 'ready' || s.status === 'login' ? s.authorityName : null,
          notice: error.message,
        }));
      }),
    [queryClient],
  );

  const api = useMemo<AuthApi>(
    () => ({
      state,
      reload,
      loggedIn: (result) => {
        setSessionId(result.sessionId);
        queryClient.clear();
        setState((s) => ({ status: 'ready', user: result.user, authorityName: s.status === 'login' ? s.authorityName : null }));
      },
      logout: async () => {
        try {
          await call('auth.logout', {});
        } catch {
          // Logging out locally is what matters.
        }
        setSessionId(null);
        queryClient.clear();
        setState((s) => ({ status: 'login', authorityName: s.status === 'ready' ? s.authorityName : null }));
      },
      setAuthorityName: (name) => setState((s) => (s.status === 'ready' ? { ...s, authorityName: name } : s)),
    }),
    [state, reload, queryClient],
  );

  return <AuthContext.Provider value={api}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthApi {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The logged-in account (only inside the main layout). */
export function useCurrentUser(): CurrentUser {
  const { state } = useAuth();
  if (state.status !== 'ready') throw new Error('not logged in');
  return state.user;
}

export function useIsAdmin(): boolean {
  return useCurrentUser().roles.includes('admin');
}
