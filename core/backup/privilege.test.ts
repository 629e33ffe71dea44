/**
 * Least privilege for backups (issue 13 item 4), through the contract as a clerk would
 * try it: exporting is a right the administrator grants (导出备份); accounts that are not
 * administrators browse, check and write backups only in removable drives and the
 * folders the administrator allowed; only a job's owner or an administrator cancels it;
 * FIFOs and devices are refused before anything is opened. Real files, a real FIFO.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Envelope } from '../api';
import { makeHost, type TestHost } from '../testing';
import type { BackupJobView, BackupListing, BackupPlaces, BackupStatus } from './contract';
import { OUTSIDE_PLACES } from './folders';
import { readBackupHeader } from './read';
import { finishJob, tempFolders } from './testing';

process.env.QINGLIAN_BACKUP_KDF_LOGN = '15';
const PASS = 'Correct-Horse-Battery-77';
const folder = tempFolders();

function value<T>(env: Envelope<unknown>): T {
  assert.ok(env.ok, JSON.stringify(env));
  return env.value as T;
}

function refused(env: Envelope<unknown>, code: string, message?: RegExp | string): void {
  assert.ok(!env.ok, `expected ${code}, got ${JSON.stringify(env).slice(0, 300)}`);
  assert.equal(env.error.code, code, env.error.message);
  if (typeof message === 'string') assert.equal(env.error.message, message);
  else if (message) assert.match(env.error.message, message);
}

/** An account with these roles, logged in; returns its session. */
async function account(t: TestHost, username: string, roles: string[]): Promise<string> {
  const admin = t.session;
  await t.call('users.create', { username, displayName: `${username}名`, password: 'Clerk12345', roles } as never);
  const session = await t.login(username, 'Clerk12345');
  t.session = admin;
  return session;
}

async function allow(t: TestHost, folders: string[]): Promise<void> {
  const settings = await t.call('backup.settingsGet', {});
  await t.call('backup.settingsUpdate', { ...settings, allowedFolders: folders });
}

test('exporting a backup is a right the administrator grants (导出备份); the others see why they cannot', async () => {
  const t = await makeHost();
  try {
    const usb = folder('usb');
    await allow(t, [usb]);
    const clerk = await account(t, 'clerk', ['handler']);
    refused(
      await t.raw('backup.startCreate', { folder: usb, passphrase: PASS, passphraseConfirm: PASS }, clerk),
      'FORBIDDEN',
      /需要管理员或导出备份权限/,
    );
    assert.deepEqual(fs.readdirSync(usb), []);

    const exporter = await account(t, 'exporter', ['handler', 'exporter']);
    const made = await finishJob(
      t,
      value(await t.raw('backup.startCreate', { folder: usb, passphrase: PASS, passphraseConfirm: PASS }, exporter)),
    );
    assert.equal(made.state, 'done', JSON.stringify(made.error));
    assert.equal(path.dirname(made.result!.file), usb);
    // Still on the record: who took the records away.
    const audit = t.host.db.prepare("SELECT u.username FROM audit_log a JOIN users u ON u.id = a.user_id WHERE a.action = 'backup'").all();
    assert.deepEqual(audit, [{ username: 'exporter' }]);
  } finally {
    t.close();
  }
});

test('a clerk browses, checks and writes only in removable drives and allowed folders; the refusal never says whether a path exists', async () => {
  const t = await makeHost();
  try {
    const usb = folder('allowed');
    const inside = path.join(usb, '2026年');
    fs.mkdirSync(inside);
    const elsewhere = folder('elsewhere');
    fs.writeFileSync(path.join(elsewhere, 'secret.qlbak'), 'x');
    fs.symlinkSync(elsewhere, path.join(usb, 'link-out'));
    await allow(t, [usb]);
    const clerk = await account(t, 'exporter', ['handler', 'exporter']);

    for (const outside of ['../../', '/', '/etc', '/root', os.homedir(), elsewhere, path.join(usb, '..'), path.join(usb, 'link-out')]) {
      refused(await t.raw('backup.list', { folder: outside }, clerk), 'FORBIDDEN', OUTSIDE_PLACES);
    }
    // verify cannot probe: an existing and a missing file outside get the same words.
    for (const file of [
      '/etc/passwd',
      '/no/such/file.qlbak',
      path.join(elsewhere, 'secret.qlbak'),
      path.join(usb, 'link-out', 'secret.qlbak'),
    ]) {
      refused(await t.raw('backup.startVerify', { file, passphrase: PASS }, clerk), 'FORBIDDEN', OUTSIDE_PLACES);
    }
    refused(
      await t.raw('backup.startCreate', { folder: elsewhere, passphrase: PASS, passphraseConfirm: PASS }, clerk),
      'FORBIDDEN',
      OUTSIDE_PLACES,
    );
    assert.deepEqual(fs.readdirSync(elsewhere), ['secret.qlbak']);

    const listing = value<BackupListing>(await t.raw('backup.list', { folder: usb }, clerk));
    assert.deepEqual(listing.folders, ['2026年'], 'a link leading out is not offered');
    assert.equal(listing.parent, null, 'no way up out of the allowed folder');
    assert.equal(value<BackupListing>(await t.raw('backup.list', { folder: inside }, clerk)).parent, usb);

    const places = value<BackupPlaces>(await t.raw('backup.places', {}, clerk));
    assert.deepEqual(places.allowed, [usb]);
    assert.equal(places.anywhere, false);
    assert.ok(!places.removable.includes(os.homedir()), 'never the home folder');

    // The administrator browses anywhere (to choose the folders to allow).
    const adminView = value<BackupListing>(await t.raw('backup.list', { folder: elsewhere }));
    assert.deepEqual(
      adminView.backups.map((b) => b.name),
      ['secret.qlbak'],
    );
    assert.equal(value<BackupPlaces>(await t.raw('backup.places', {})).anywhere, true);
  } finally {
    t.close();
  }
});

test("only the job's owner or an administrator cancels it; others see that a job runs, not its id", async () => {
  const t = await makeHost();
  try {
    const usb = folder('cancel');
    await allow(t, [usb]);
    const owner = await account(t, 'owner', ['handler', 'exporter']);
    const other = await account(t, 'other', ['handler', 'exporter']);
    const job = value<BackupJobView>(await t.raw('backup.startCreate', { folder: usb, passphrase: PASS, passphraseConfirm: PASS }, owner));
    // Asked before the job could have done any I/O (only promise callbacks ran since it started): it is running.
    const seenByOther = value<BackupStatus>(await t.raw('backup.status', {}, other));
    const seenByOwner = value<BackupStatus>(await t.raw('backup.status', {}, owner));
    const seenByAdmin = value<BackupStatus>(await t.raw('backup.status', {}));
    assert.deepEqual([seenByOther.busy, seenByOther.runningJob], [true, null]);
    assert.deepEqual([seenByOwner.busy, seenByOwner.runningJob], [true, job.id]);
    assert.deepEqual([seenByAdmin.busy, seenByAdmin.runningJob], [true, job.id]);
    assert.equal((await finishJob(t, job)).state, 'done');

    const second = value<BackupJobView>(
      await t.raw('backup.startCreate', { folder: usb, passphrase: PASS, passphraseConfirm: PASS }, owner),
    );
    refused(await t.raw('backup.cancel', { jobId: second.id }, other), 'FORBIDDEN', '只有启动该任务的账号或管理员可以取消它。');
    value(await t.raw('backup.cancel', { jobId: second.id }, owner));
    assert.equal((await finishJob(t, second)).state, 'cancelled');

    const third = value<BackupJobView>(
      await t.raw('backup.startCreate', { folder: usb, passphrase: PASS, passphraseConfirm: PASS }, owner),
    );
    value(await t.raw('backup.cancel', { jobId: third.id })); // the administrator
    assert.equal((await finishJob(t, third)).state, 'cancelled');
  } finally {
    t.close();
  }
});

test(
  'a FIFO or a device is refused before it is opened: verify answers at once and the job slot is free again',
  { timeout: 120_000 },
  async (t) => {
    if (process.platform === 'win32') return t.skip('no mkfifo on Windows');
    const h = await makeHost();
    try {
      const usb = folder('fifo');
      const fifo = path.join(usb, 'trap.qlbak');
      execFileSync('mkfifo', [fifo]);
      // Nobody ever writes to this FIFO: opening it for reading without O_NONBLOCK would wait for ever.
      await assert.rejects(readBackupHeader(fifo), /不是普通文件（可能是管道或设备）/);
      await assert.rejects(readBackupHeader('/dev/zero'), /不是普通文件/);

      const job = await finishJob(h, await h.call('backup.startVerify', { file: fifo, passphrase: PASS }));
      assert.equal(job.state, 'failed');
      assert.equal(job.error?.code, 'NOT_A_BACKUP');
      assert.match(job.error!.message, /不是普通文件/);
      const device = await finishJob(h, await h.call('backup.startVerify', { file: '/dev/zero', passphrase: PASS }));
      assert.equal(device.error?.code, 'NOT_A_BACKUP');
      // The listing does not open it either, and does not offer it as a backup.
      const listing = await h.call('backup.list', { folder: usb });
      assert.deepEqual(listing.backups, []);
      // The slot is free: the next job starts.
      const next = await h.call('backup.startCreate', { folder: usb, passphrase: PASS, passphraseConfirm: PASS });
      assert.equal((await finishJob(h, next)).state, 'done');
    } finally {
      h.close();
    }
  },
);
