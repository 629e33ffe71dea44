/**
 * Item 10 of #13: production code reads no test hook from the environment. A variable
 * that once made backups cheap to crack (QINGLIAN_BACKUP_KDF_LOGN) or killed the process
 * mid-restore (QINGLIAN_BACKUP_CRASH_AT) now does nothing unless a test installs the hook
 * itself, and a scan of the shipped sources fails on any new QINGLIAN_* variable.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { DEFAULT_KDF } from '../backup/format';
import { kdfForNewBackups } from '../backup/settings';
import { testHooks } from './testHooks';

const repo = path.resolve(__dirname, '..', '..');

test('the backup KDF ignores QINGLIAN_BACKUP_KDF_LOGN in the environment; only an installed hook lowers it', () => {
  process.env.QINGLIAN_BACKUP_KDF_LOGN = '15';
  try {
    assert.deepEqual(testHooks(), {});
    assert.deepEqual(kdfForNewBackups(), DEFAULT_KDF);
    assert.equal(kdfForNewBackups({ backupKdfLogN: 15 }).logN, 15);
    // Out of the readers' bounds: the default, even from a hook.
    assert.deepEqual(kdfForNewBackups({ backupKdfLogN: 4 }), DEFAULT_KDF);
  } finally {
    delete process.env.QINGLIAN_BACKUP_KDF_LOGN;
  }
});

test('QINGLIAN_BACKUP_CRASH_AT kills nothing in a normal process; the test-only preload turns it into a crash', () => {
  const script = "require('./core/backup/fsutil').crashPoint('create:mid-write'); console.log('still running')";
  const env = { ...process.env, QINGLIAN_BACKUP_CRASH_AT: 'create:mid-write', QINGLIAN_BACKUP_KDF_LOGN: '15' };
  const plain = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: repo, env, encoding: 'utf8' });
  assert.equal(plain.status, 0, plain.stderr);
  assert.match(plain.stdout, /still running/);
  const hooked = spawnSync(
    process.execPath,
    ['--import', path.join(repo, 'scripts', 'testHooksFromEnv.mjs'), '--import', 'tsx', '-e', script],
    {
      cwd: repo,
      env,
      encoding: 'utf8',
    },
  );
  assert.equal(hooked.signal, 'SIGKILL');
  assert.doesNotMatch(hooked.stdout, /still running/);
});

/**
 * The QINGLIAN_* variables shipped code may read, and why none weakens a build: each
 * chooses where things are, never how strongly they are protected.
 */
const ALLOWED = new Map([
  ['QINGLIAN_DATA_DIR', 'where the data folder is (portable use); the same as --data-dir'],
  ['QINGLIAN_CHROMIUM', 'which Chromium renders PDFs in browser mode'],
  ['QINGLIAN_PDF_WARM', 'whether the PDF renderer starts ahead of time (only speed)'],
  ['QINGLIAN_APP_VERSION', 'set by electron/main.ts for the CLI it forks (shown text only)'],
  [
    'QINGLIAN_SQLITE_BINDING',
    'development runs only: a packaged build always loads its own library (electron/coreProcess/nativeBinding.ts)',
  ],
]);

function shippedSources(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'test' && entry.name !== 'node_modules') shippedSources(file, out);
    } else if (
      /\.tsx?$/.test(entry.name) &&
      !/\.(test|spec|integration\.test)\.tsx?$|(^|\/)testing\.ts$/.test(entry.name) &&
      entry.name !== 'testing.ts'
    ) {
      out.push(file);
    }
  }
  return out;
}

test('shipped code names no QINGLIAN_* environment variable outside the allowed list', () => {
  const files = ['core', 'db', 'electron', 'web', 'cli', 'renderer'].flatMap((d) => shippedSources(path.join(repo, d)));
  files.push(path.join(repo, 'scripts', 'start.ts'));
  assert.ok(files.length > 100, `scanned ${files.length} files`);
  const found: string[] = [];
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/QINGLIAN_[A-Z0-9_]+/g)) {
      if (!ALLOWED.has(m[0])) found.push(`${path.relative(repo, file)}: ${m[0]}`);
    }
  }
  assert.deepEqual(found, [], 'a test hook must be installed by the test (core/config/testHooks.ts), not read from the environment');
});
