/**
 * The database lock holds (issue 10 §3): after a backup (manual and automatic) the
 * running host still holds SQLite's locks on the live file and the data-folder lock, so
 * another process can neither take a write lock on the database nor restore over it;
 * a second host on the same folder is refused with a Chinese message.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { createCoreHost } from '../host/coreHost';
import { makeHost } from '../testing';
import { installTestHooks } from '../config/testHooks';
import { cliNodeArgs, finishJob, REPO, tempFolders } from './testing';

installTestHooks({ backupKdfLogN: 15 }); // a quick KDF (core/config/testHooks.ts)
const PASS = 'Correct-Horse-Battery-77';
const folder = tempFolders();

/** Another process tries to take SQLite's exclusive (write) lock on the live database, without waiting. */
function otherProcessWriteLock(databaseFile: string): string {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1], { fileMustExist: true, timeout: 0 });
    try { db.pragma('locking_mode = EXCLUSIVE'); db.exec('BEGIN EXCLUSIVE; COMMIT'); console.log('LOCKED'); }
    catch (e) { console.log(e.code); }
    finally { db.close(); }`;
  const r = spawnSync(process.execPath, ['-e', script, databaseFile], { cwd: REPO, encoding: 'utf8' });
  return r.stdout.trim();
}

/** The CLI restore, in its own process, over the running host's data folder. */
function cliRestore(dataDir: string, backupFile: string): { status: number | null; stderr: string } {
  const passFile = path.join(folder('pass'), 'p.txt');
  fs.writeFileSync(passFile, `${PASS}\n`);
  const r = spawnSync(
    process.execPath,
    cliNodeArgs('backup', 'restore', backupFile, '--data-dir', dataDir, '--passphrase-file', passFile, '--yes'),
    {
      cwd: REPO,
      encoding: 'utf8',
      env: { ...process.env, QINGLIAN_BACKUP_KDF_LOGN: '15' },
    },
  );
  return { status: r.status, stderr: r.stderr };
}

test('after a manual and an automatic backup the running host still holds its locks; CLI restore exits 7', async () => {
  const t = await makeHost();
  try {
    await t.call('units.create', { name: '财政局', parentId: null });
    const usb = folder('usb');
    const manual = await finishJob(t, await t.call('backup.startCreate', { folder: usb, passphrase: PASS, passphraseConfirm: PASS }));
    assert.equal(manual.state, 'done', JSON.stringify(manual.error));
    assert.match(
      otherProcessWriteLock(t.host.config.databaseFile),
      /^SQLITE_BUSY/,
      'another process took the write lock after a manual backup',
    );

    const auto = folder('auto');
    await t.call('backup.setAutoKey', { passphrase: PASS, passphraseConfirm: PASS });
    const settings = await t.call('backup.settingsGet', {});
    await t.call('backup.settingsUpdate', { ...settings, auto: { ...settings.auto, enabled: true, folder: auto, onExit: false } });
    const autoJob = await finishJob(t, await t.call('backup.runAuto', {}));
    assert.equal(autoJob.state, 'done', JSON.stringify(autoJob.error));
    assert.match(
      otherProcessWriteLock(t.host.config.databaseFile),
      /^SQLITE_BUSY/,
      'another process took the write lock after an automatic backup',
    );

    const before = fs.readFileSync(t.host.config.databaseFile);
    const r = cliRestore(t.dir, manual.result!.file);
    assert.equal(r.status, 7, r.stderr);
    assert.match(r.stderr, /正在使用|正被/);
    assert.deepEqual(fs.readFileSync(t.host.config.databaseFile), before, 'the live file was not replaced');
    // The host still saves into the file on disk.
    await t.call('units.create', { name: '审计局', parentId: null });
    assert.deepEqual((await t.call('units.list', {})).map((u) => u.name).sort(), ['审计局', '财政局'].sort());
  } finally {
    t.close();
  }
});

test('a second host on the same data folder is refused with a Chinese message; after the first closes it starts', async () => {
  const t = await makeHost();
  try {
    assert.throws(
      () => createCoreHost({ dataDir: t.dir, shell: 'browser', version: 't', scheduleBackups: false }),
      (error: Error & { code?: string }) => error.code === 'DATA_DIR_LOCKED' && /已有一个清廉台账/.test(error.message),
    );
  } finally {
    t.host.close();
  }
  const again = createCoreHost({ dataDir: t.dir, shell: 'browser', version: 't', scheduleBackups: false });
  again.close();
  t.close();
});
