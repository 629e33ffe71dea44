/**
 * Test-only preload: `node --import ./scripts/testHooksFromEnv.mjs …` turns
 * QINGLIAN_BACKUP_KDF_LOGN and QINGLIAN_BACKUP_CRASH_AT into test hooks for a child
 * process a test starts (see core/config/testHooks.ts, whose registered symbol this
 * sets). The program never reads these variables itself: without this preload they do
 * nothing. Plain JavaScript so it also runs before a bundled CLI, without tsx.
 */
const hooks = {};
const logN = Number(process.env.QINGLIAN_BACKUP_KDF_LOGN);
if (Number.isInteger(logN)) hooks.backupKdfLogN = logN;
if (process.env.QINGLIAN_BACKUP_CRASH_AT) hooks.backupCrashAt = process.env.QINGLIAN_BACKUP_CRASH_AT;
globalThis[Symbol.for('qinglian.testHooks')] = Object.freeze(hooks);
