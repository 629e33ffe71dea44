import type { Db } from '../../db/open';
import type { BackupService } from '../backup/service';
import type { CurrentUser } from '../users/contract';
import type { LoginThrottle } from '../auth/throttle';
import type { SessionStore } from './sessions';
import type { Writer } from './writer';

/** How the host was started; shown in 设置 and used for paths. */
export interface HostConfig {
  dataDir: string;
  databaseFile: string;
  shell: 'electron' | 'browser';
  version: string;
}

/** What every handler gets besides its validated input. */
export interface HandlerContext {
  db: Db;
  config: HostConfig;
  now(): Date;
  /** The logged-in account, or null for public channels called before login. */
  user: CurrentUser | null;
  sessionId: string | null;
  sessions: SessionStore;
  /** Failed-login counts per user name (core/auth/throttle.ts); one per host. */
  loginThrottle: LoginThrottle;
  /** The one write path: stamps who/when, bumps revisions, appends the audit log. */
  writer: Writer;
  /** Backup jobs, schedule and restore (core/backup); the host owns one. */
  backup?: BackupService;
}

/** A handler's user, for channels whose access is not 'public' (the host has checked). */
export function requireUser(ctx: HandlerContext): CurrentUser {
  if (!ctx.user) throw new Error('handler called without a user on a non-public channel');
  return ctx.user;
}
