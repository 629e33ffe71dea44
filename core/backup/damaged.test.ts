/**
 * The app started on a damaged live file (issue 10 §5): it starts anyway, explains in
 * Chinese, and offers 从备份恢复 (no login: the accounts are in the damaged file; the
 * backup's passphrase is what allows it); the damaged file is kept, byte for byte.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { createCoreHost, type CoreHost } from '../host/coreHost';
import { ADMIN, makeHost } from '../testing';
import type { BackupJobView, RecoveryStatus } from './contract';
import { backupPaths } from './restore';
import { installTestHooks } from '../config/testHooks';

installTestHooks({ backupKdfLogN: 15 }); // a quick KDF (core/config/testHooks.ts)
const PASS = 'Correct-Horse-Battery-77';
const dirs: string[] = [];
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function finish(host: CoreHost, job: BackupJobView): Promise<BackupJobView> {
  for (;;) {
    const view = host.backup.job(job.id);
    if (view.state !== 'running') return view;
    await new Promise((r) => setImmediate(r));
  }
}

async function value<T>(host: CoreHost, channel: string, input: unknown, session: string | null = null): Promise<T> {
  const env = await host.invoke(channel, input, session);
  assert.ok(env.ok, JSON.stringify(env));
  return env.value as T;
}

test('started on a damaged file: explains, answers only 从备份恢复, restores without login, keeps the damaged file', async () => {
  const t = await makeHost();
  const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-usb-'));
  dirs.push(usb);
  await t.call('units.create', { name: '财政局', parentId: null });
  const made = await finish(t.host, await t.call('backup.startCreate', { folder: usb, passphrase: PASS, passphraseConfirm: PASS }));
  assert.equal(made.state, 'done', JSON.stringify(made.error));
  const dataDir = t.dir;
  const dbFile = t.host.config.databaseFile;
  t.host.close();
  const fd = fs.openSync(dbFile, 'r+');
  fs.writeSync(fd, Buffer.alloc(100, 0x41), 0, 100, 0);
  fs.closeSync(fd);
  const damagedBytes = fs.readFileSync(dbFile);

  const host = createCoreHost({ dataDir, shell: 'browser', version: 't', scheduleBackups: false });
  try {
    const status = await host.invoke('setup.status', {});
    assert.ok(!status.ok);
    assert.equal(status.error.code, 'DB_UNREADABLE');
    assert.match(status.error.message, /数据文件已损坏，无法打开.*从备份恢复/);
    const people = await host.invoke('people.list' as never, {});
    assert.ok(!people.ok && people.error.code === 'DB_UNREADABLE', 'nothing else answers');
    const recovery = await value<RecoveryStatus>(host, 'backup.recoveryStatus', {});
    assert.equal(recovery.damaged, true);
    assert.match(recovery.message!, /原样移到 backups\/pre-restore/);
    // The file picker works without a session.
    const listing = await value<{ backups: { file: string }[] }>(host, 'backup.list', { folder: usb });
    assert.deepEqual(
      listing.backups.map((b) => b.file),
      [made.result!.file],
    );

    const wrong = await finish(
      host,
      await value<BackupJobView>(host, 'backup.startRecoveryRestore', {
        file: made.result!.file,
        passphrase: 'not the passphrase',
        confirm: true,
      }),
    );
    assert.equal(wrong.error?.code, 'BAD_PASSPHRASE');
    assert.deepEqual(fs.readFileSync(dbFile), damagedBytes, 'a failed attempt changes nothing');

    const job = await finish(
      host,
      await value<BackupJobView>(host, 'backup.startRecoveryRestore', { file: made.result!.file, passphrase: PASS, confirm: true }),
    );
    assert.equal(job.state, 'done', JSON.stringify(job.error));
    assert.match(path.basename(job.result!.preRestoreFile!), /-damaged-/);
    assert.deepEqual(fs.readFileSync(job.result!.preRestoreFile!), damagedBytes, 'the damaged file is kept as it was');
    assert.equal(path.dirname(job.result!.preRestoreFile!), backupPaths(dataDir).preRestoreDir);

    // Healthy again: setup is done, the backup's administrator logs in, the data is back.
    assert.deepEqual(await value(host, 'setup.status', {}), { initialized: true, authorityName: '某某市纪委监委' });
    const login = await value<{ sessionId: string }>(host, 'auth.login', ADMIN);
    const units = await value<{ name: string }[]>(host, 'units.list', {}, login.sessionId);
    assert.deepEqual(
      units.map((u) => u.name),
      ['财政局'],
    );
    const again = await host.invoke('backup.startRecoveryRestore', { file: made.result!.file, passphrase: PASS, confirm: true });
    assert.ok(!again.ok && again.error.code === 'FORBIDDEN', 'refused once the file is healthy');
  } finally {
    host.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
