/**
 * Login throttling (issue 13, item 1): after a few failed attempts for a user name the
 * next attempt must wait, and the wait doubles with each further failure, up to a cap.
 * Never a permanent lock (an attacker must not be able to lock the administrator out);
 * a success clears the count. Keyed by the name as typed (lower-cased), so unknown
 * names are throttled the same way and reveal nothing.
 *
 * Attempts for one name run one after another (the next waits for the previous
 * verdict), so firing many at once cannot slip past the count. In memory: a restart
 * of the app clears it, which needs access to the computer anyway.
 */

/** Failures allowed before any wait. */
export const FREE_FAILURES = 3;
const FIRST_WAIT_MS = 1_000;
const MAX_WAIT_MS = 5 * 60_000;
/** A name not tried for this long starts afresh. */
const FORGET_AFTER_MS = 24 * 60 * 60_000;
const MAX_NAMES = 10_000;

interface Entry {
  failures: number;
  lastFailureAt: number;
  /** The attempt in progress for this name; the next one waits for it. */
  tail: Promise<unknown>;
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  /** The wait after `failures` failures (0 while under FREE_FAILURES). */
  static waitAfter(failures: number): number {
    if (failures < FREE_FAILURES) return 0;
    return Math.min(FIRST_WAIT_MS * 2 ** (failures - FREE_FAILURES), MAX_WAIT_MS);
  }

  /**
   * Runs `attempt` for `name` once the previous attempt for that name is done. When the
   * name must still wait, `attempt` is not run and `refused(ms)` answers instead.
   * `attempt` returns whether the password was right.
   */
  run<T>(
    name: string,
    now: () => number,
    attempt: () => Promise<{ ok: boolean; value: T }>,
    refused: (waitMs: number) => T | Promise<T>,
  ): Promise<T> {
    const key = name.trim().toLowerCase();
    const entry = this.entry(key, now());
    const result = entry.tail.then(async () => {
      const at = now();
      const readyAt = entry.lastFailureAt + LoginThrottle.waitAfter(entry.failures);
      if (entry.failures >= FREE_FAILURES && at < readyAt) return refused(readyAt - at);
      const outcome = await attempt();
      if (outcome.ok) entry.failures = 0;
      else {
        entry.failures++;
        entry.lastFailureAt = now();
      }
      return outcome.value;
    });
    entry.tail = result.catch(() => undefined);
    return result;
  }

  private entry(key: string, at: number): Entry {
    let entry = this.entries.get(key);
    if (entry && entry.failures > 0 && at - entry.lastFailureAt > FORGET_AFTER_MS) entry.failures = 0;
    if (!entry) {
      if (this.entries.size >= MAX_NAMES) this.prune(at);
      entry = { failures: 0, lastFailureAt: 0, tail: Promise.resolve() };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private prune(at: number): void {
    for (const [key, e] of this.entries) if (e.failures === 0 || at - e.lastFailureAt > FORGET_AFTER_MS) this.entries.delete(key);
  }
}
