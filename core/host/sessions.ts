import { randomBytes } from 'node:crypto';

interface Session {
  userId: string;
  lastSeen: number;
  /** 锁屏: the screen was covered; only unlock (with the password) or logout answer. */
  locked: boolean;
}

/** Logged-in sessions, in memory: a restart of the host logs everyone out. */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    /** A session unused this long ends (the clerk logs in again). */
    private readonly idleMs = 8 * 60 * 60 * 1000,
    private readonly clock: () => number = Date.now,
  ) {}

  create(userId: string): string {
    const id = randomBytes(24).toString('base64url');
    this.sessions.set(id, { userId, lastSeen: this.clock(), locked: false });
    return id;
  }

  /** The session's user id, refreshing its idle timer; null when unknown or expired. */
  touch(id: string | null | undefined): string | null {
    if (!id) return null;
    const s = this.sessions.get(id);
    if (!s) return null;
    const now = this.clock();
    if (now - s.lastSeen > this.idleMs) {
      this.sessions.delete(id);
      return null;
    }
    s.lastSeen = now;
    return s.userId;
  }

  /** Covers the session (idle lock); unknown ids are ignored. */
  lock(id: string | null | undefined): void {
    const s = id ? this.sessions.get(id) : undefined;
    if (s) s.locked = true;
  }

  unlock(id: string | null | undefined): void {
    const s = id ? this.sessions.get(id) : undefined;
    if (s) s.locked = false;
  }

  isLocked(id: string | null | undefined): boolean {
    return Boolean(id && this.sessions.get(id)?.locked);
  }

  end(id: string | null | undefined): void {
    if (id) this.sessions.delete(id);
  }

  /** Everyone logs in again (after a restore replaced the accounts). */
  endAll(): void {
    this.sessions.clear();
  }

  endAllFor(userId: string, except?: string): void {
    for (const [id, s] of this.sessions) if (s.userId === userId && id !== except) this.sessions.delete(id);
  }
}
