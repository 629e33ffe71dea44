/**
 * Leave no plaintext, keep everything private (issue 10 §6): what the app creates is
 * 0700/0600 on Linux whatever the umask; `backup verify` never writes the decrypted
 * database to the system temp folder, removes it on SIGTERM/SIGHUP, and a copy left by
 * SIGKILL is private and swept at the next start.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { createCoreHost } from '../host/coreHost';
import { makeHost } from '../testing';
import { backupPaths } from './restore';
import { cliNodeArgs, finishJob, makeBackup, PASSPHRASE, REPO, seedDataDir } from './testing';
import { installTestHooks } from '../config/testHooks';

installTestHooks({ backupKdfLogN: 15 }); // a quick KDF (core/config/testHooks.ts)
const PASS = 'Correct-Horse-Battery-77';
let root: string;
before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-privacy-'));
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

const mode = (f: string) => fs.statSync(f).mode & 0o777;

/** Every file under `dir` that is a SQLite database or named like a verify copy (tsx keeps its own cache there too). */
function plaintextUnder(dir: string): string[] {
  const found: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const f = path.join(e.parentPath, e.name);
    if (/qinglian|verify/.test(e.name)) found.push(f);
    else if (e.isFile()) {
      const head = Buffer.alloc(16);
      const fd = fs.openSync(f, 'r');
      fs.readSync(fd, head, 0, 16, 0);
      fs.closeSync(fd);
      if (head.toString('latin1') === 'SQLite format 3\0') found.push(f);
    }
  }
  return found;
}

test(
  'files and folders the app creates are private (0700/0600) even with umask 000',
  { skip: process.platform === 'win32' && 'no POSIX modes on Windows' },
  async () => {
    const old = process.umask(0);
    try {
      const t = await makeHost();
      try {
        const usb = path.join(root, 'usb');
        fs.mkdirSync(usb);
        const made = await finishJob(t, await t.call('backup.startCreate', { folder: usb, passphrase: PASS, passphraseConfirm: PASS }));
        assert.equal(made.state, 'done', JSON.stringify(made.error));
        await t.call('backup.setAutoKey', { passphrase: PASS, passphraseConfirm: PASS });
        const restored = await finishJob(
          t,
          await t.call('backup.startRestore', { file: made.result!.file, passphrase: PASS, confirm: true }),
        );
        assert.equal(restored.state, 'done', JSON.stringify(restored.error));
        const db = t.host.config.databaseFile;
        const { preRestoreDir, workDir } = backupPaths(t.dir);
        const expect: [string, number][] = [
          [t.dir, 0o700],
          [db, 0o600],
          [`${db}-wal`, 0o600],
          [`${db}-shm`, 0o600],
          [path.join(t.dir, 'qinglian.lock'), 0o600],
          [path.join(t.dir, 'backup-state.json'), 0o600],
          [path.join(t.dir, 'backup-key.json'), 0o600],
          [made.result!.file, 0o600],
          [preRestoreDir, 0o700],
          [
            path.join(
              preRestoreDir,
              fs.readdirSync(preRestoreDir).find((f) => f.endsWith('.sqlite'))!,
            ),
            0o600,
          ],
          [workDir, 0o700],
        ];
        for (const [f, m] of expect) assert.equal(mode(f).toString(8), m.toString(8), f);
      } finally {
        t.close();
      }
    } finally {
      process.umask(old);
    }
  },
);

function cliVerify(
  dataDir: string,
  file: string,
  crashAt: string,
  tmp: string,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const passFile = path.join(root, 'pass.txt');
  fs.writeFileSync(passFile, `${PASSPHRASE}\n`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cliNodeArgs('backup', 'verify', file, '--data-dir', dataDir, '--passphrase-file', passFile), {
      cwd: REPO,
      env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp, QINGLIAN_BACKUP_CRASH_AT: crashAt },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}

test('backup verify: no plaintext in the system temp folder; removed on SIGTERM and SIGHUP; a SIGKILL leftover is private and swept at start', async () => {
  const dataDir = path.join(root, 'data');
  seedDataDir(dataDir, { rows: 200, marker: 'x' });
  const backup = (await makeBackup(dataDir, path.join(root, 'usb-v'))).file;
  const { workDir } = backupPaths(dataDir);
  const plaintextIn = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => /verify|\.sqlite/.test(f)) : []);
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    const tmp = fs.mkdtempSync(path.join(root, 'tmp-'));
    // The signal arrives when the whole database has been decrypted to disk (the worst moment).
    const run = await cliVerify(dataDir, backup, `restore:after-decrypt@${signal}`, tmp);
    assert.ok(run.code !== null, `${signal}: exited (${run.signal}) ${run.stderr}`);
    assert.deepEqual(plaintextIn(workDir), [], `${signal}: decrypted copy removed`);
    assert.deepEqual(plaintextUnder(tmp), [], `${signal}: nothing in the temp folder`);
  }
  const tmp = fs.mkdtempSync(path.join(root, 'tmp-'));
  const killed = await cliVerify(dataDir, backup, 'restore:after-decrypt', tmp);
  assert.equal(killed.signal, 'SIGKILL');
  assert.deepEqual(plaintextUnder(tmp), [], 'nothing in the temp folder');
  const left = plaintextIn(workDir);
  assert.equal(left.length, 1, 'the killed run left its copy in the data folder');
  if (process.platform !== 'win32') {
    assert.equal(mode(path.join(workDir, left[0]!)).toString(8), '600');
    assert.equal(mode(workDir).toString(8), '700');
  }
  createCoreHost({ dataDir, shell: 'browser', version: 't', scheduleBackups: false }).close();
  assert.deepEqual(plaintextIn(workDir), [], 'swept at the next start');
});
