/**
 * Test hooks: knobs that only tests may turn (a cheaper backup KDF, a crash at a named
 * point). Production code never reads them from the environment, so nobody who can set
 * an environment variable for the app (a shortcut, a login script) can weaken a real
 * build with them. A test installs them in its own process with `installTestHooks`, or
 * starts a child process with `--import ./scripts/testHooksFromEnv.mjs`, a test-only
 * preload that is no part of any build (electron-vite bundles from electron/ entries;
 * browser mode starts from scripts/start.ts).
 *
 * Kept on globalThis under a registered symbol: the preload and the code under test may
 * be loaded as two module instances (ESM preload, CommonJS program), and must share one.
 */
export interface TestHooks {
  /** log2 of scrypt's N for new backups and keys (15..20; tests use 15 to stay quick). */
  backupKdfLogN?: number;
  /** `<point>` or `<point>@SIGTERM`: the backup code signals its own process at that point (crash tests). */
  backupCrashAt?: string;
}

const KEY = Symbol.for('qinglian.testHooks');
type HookHolder = { [KEY]?: Readonly<TestHooks> };

export function installTestHooks(hooks: TestHooks): void {
  (globalThis as HookHolder)[KEY] = Object.freeze({ ...hooks });
}

export function testHooks(): Readonly<TestHooks> {
  return (globalThis as HookHolder)[KEY] ?? {};
}
