/** Test helpers: a real core host on a fresh temporary SQLite file. */
import type { Channel, Envelope, Input, Result } from './api';
import { createCoreHost, type CoreHost } from './host/coreHost';
import { tempDir } from '../db/testing';
import type { CliIo } from './backup/cli';

export const ADMIN = { username: 'admin', password: 'Admin12345' };

export const SETUP_INPUT = {
  authorityName: '某某市纪委监委',
  docPrefixes: { opinionReply: '某纪廉复', reminderLetter: '某纪廉提' },
  adminUsername: ADMIN.username,
  adminDisplayName: '系统管理员',
  adminPassword: ADMIN.password,
  adminPasswordConfirm: ADMIN.password,
  adminHoldsAllRoles: true,
};

export interface TestHost {
  host: CoreHost;
  dir: string;
  session: string | null;
  /** Calls as the current session; throws with the Chinese message on an error envelope. */
  call<C extends Channel>(channel: C, input: Input<C>): Promise<Result<C>>;
  /** Calls and returns the envelope as is. */
  raw(channel: string, input: unknown, session?: string | null): Promise<Envelope<unknown>>;
  login(username: string, password: string): Promise<string>;
  close(): void;
}

export async function makeHost(
  options: { setup?: boolean; now?: () => Date; /** reopen an existing data folder (left in place on close) */ dataDir?: string } = {},
): Promise<TestHost> {
  const { dir, cleanup } = options.dataDir ? { dir: options.dataDir, cleanup: () => {} } : tempDir();
  const host = createCoreHost({ dataDir: dir, shell: 'browser', version: '0.0.0-test', ...(options.now ? { now: options.now } : {}) });
  const t: TestHost = {
    host,
    dir,
    session: null,
    async call(channel, input) {
      const env = await host.invoke(channel, input, t.session);
      if (!env.ok) throw Object.assign(new Error(`${env.error.code}: ${env.error.message}`), { body: env.error });
      return env.value as never;
    },
    raw: (channel, input, session = t.session) => host.invoke(channel, input, session),
    async login(username, password) {
      const env = await host.invoke('auth.login', { username, password });
      if (!env.ok) throw new Error(env.error.message);
      t.session = (env.value as { sessionId: string }).sessionId;
      return t.session;
    },
    close() {
      host.close();
      cleanup();
    },
  };
  if (options.setup !== false) {
    await t.call('setup.initialize', SETUP_INPUT);
    await t.login(ADMIN.username, ADMIN.password);
  }
  return t;
}

/** A command line's input and output, captured: what it printed, what it read from stdin. */
export function capturedIo(stdin = '', version = 'test'): { out: string[]; err: string[]; io: CliIo } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      stdout: (t: string) => void out.push(t),
      stderr: (t: string) => void err.push(t),
      readStdin: async () => stdin,
      env: {},
      version,
    },
  };
}
