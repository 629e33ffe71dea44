/**
 * Rotation never deletes a backup that matters (issue 10 §4): only files this
 * installation wrote and recorded, checked on disk; never the newest verified one;
 * other PCs' and forged files are left alone and listed; the status never points at a
 * file that is gone.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { makeHost, type TestHost } from '../testing';
import { CIPHER_SUITES, encodeHeader, FLAG_AUTOMATIC, KDF_IDS, sealHeader } from './format';
import { installTestHooks } from '../config/testHooks';
import { finishJob, tempFolders } from './testing';

installTestHooks({ backupKdfLogN: 15 }); // a quick KDF (core/config/testHooks.ts)
const PASS = 'Correct-Horse-Battery-77';
const DAY = 86_400_000;
const folder = tempFolders();

async function installation(
  clock: { now: number },
  autoFolder: string,
  keep: { daily: number; weekly: number; monthly: number },
): Promise<TestHost> {
  const t = await makeHost({ now: () => new Date(clock.now) });
  await t.call('backup.settingsUpdate', {
    auto: { enabled: true, folder: autoFolder, intervalHours: 24, onExit: false, keep },
    warnAfterDays: 7,
  });
  await t.call('backup.setAutoKey', { passphrase: PASS, passphraseConfirm: PASS });
  return t;
}

async function autoBackup(t: TestHost): Promise<string> {
  const job = await finishJob(t, t.host.backup.startAuto());
  assert.equal(job.state, 'done', JSON.stringify(job.error));
  return job.result!.file;
}

/** A 209-byte file a forger can make without any key: a well-formed header (checksum fixed up) dated in the future, flagged automatic. */
function forge(dir: string, i: number): string {
  const header = encodeHeader({
    suite: CIPHER_SUITES.AES_256_GCM,
    kdf: KDF_IDS.SCRYPT,
    logN: 15,
    r: 8,
    p: 1,
    chunkLog2: 16,
    flags: FLAG_AUTOMATIC,
    createdAt: new Date(Date.UTC(2099, 0, 1 + i)),
    plaintextLength: 9,
    backupId: randomBytes(16),
    salt: randomBytes(32),
    wrapNonce: randomBytes(12),
    wrappedKey: randomBytes(32),
    wrapTag: randomBytes(16),
  });
  const file = path.join(dir, `qinglian-auto-20990101-00000${i}.qlbak`);
  fs.writeFileSync(file, Buffer.concat([sealHeader(header, randomBytes(32)), randomBytes(25)]));
  assert.equal(fs.statSync(file).size, 209);
  return file;
}

test('two PCs backing up to one shared folder: each keeps its own backups, neither deletes the other’s', async () => {
  const shared = folder('shared');
  const clock = { now: new Date('2025-06-02T09:00:00').getTime() };
  const keep = { daily: 3, weekly: 0, monthly: 0 };
  const a = await installation(clock, shared, keep);
  const b = await installation(clock, shared, keep);
  try {
    const madeA: string[] = [];
    const madeB: string[] = [];
    for (let day = 0; day < 5; day++) {
      madeA.push(await autoBackup(a));
      clock.now += 60_000; // B backs up a minute later, the same day
      madeB.push(await autoBackup(b));
      clock.now += DAY - 60_000;
    }
    const present = (files: string[]) => files.filter((f) => fs.existsSync(f));
    // Each keeps its last three days; the other PC's files were never candidates.
    assert.deepEqual(present(madeA), madeA.slice(2));
    assert.deepEqual(present(madeB), madeB.slice(2));
    const statusA = await a.call('backup.status', {});
    assert.equal(statusA.lastSuccess?.file, madeA[4]);
    assert.ok(fs.existsSync(statusA.lastSuccess!.file));
    // A lists B's files as left alone (not its own), and deleted only its own.
    const aliens = statusA.rotation!.leftAlone.map((l) => l.name);
    for (const f of present(madeB).slice(0, -1)) assert.ok(aliens.includes(path.basename(f)), `${f} listed as left alone`);
    assert.match(statusA.rotation!.leftAlone[0]!.reason, /不是本机写入/);
    assert.ok(statusA.rotation!.removed.every((n) => madeA.map((f) => path.basename(f)).includes(n)));
  } finally {
    a.close();
    b.close();
  }
});

test('forged future-dated files do not make rotation delete genuine backups; they are left alone and listed', async () => {
  const dir = folder('forged');
  const clock = { now: new Date('2025-03-01T09:00:00').getTime() };
  const t = await installation(clock, dir, { daily: 7, weekly: 0, monthly: 0 });
  try {
    const genuine: string[] = [];
    for (let day = 0; day < 8; day++) {
      genuine.push(await autoBackup(t));
      clock.now += DAY;
    }
    assert.equal(genuine.filter((f) => fs.existsSync(f)).length, 7, 'the policy keeps seven days');
    const forged = Array.from({ length: 12 }, (_, i) => forge(dir, i));
    const newest = await autoBackup(t);
    genuine.push(newest);
    assert.ok(fs.existsSync(newest), 'the backup just written is kept');
    assert.deepEqual(
      genuine.filter((f) => fs.existsSync(f)),
      genuine.slice(2),
      'seven genuine backups remain: the newest seven days',
    );
    for (const f of forged) assert.ok(fs.existsSync(f), `${f} left alone`);
    const status = await t.call('backup.status', {});
    const listed = status.rotation!.leftAlone.map((l) => l.name);
    for (const f of forged) assert.ok(listed.includes(path.basename(f)));
    assert.equal(status.lastSuccess?.file, newest);

    // A recorded backup replaced on disk by other bytes (same name) is no longer ours to delete.
    const swapped = genuine[2]!; // the oldest kept: the next rotation would delete it
    fs.writeFileSync(swapped, Buffer.concat([fs.readFileSync(forged[0]!)]));
    clock.now += DAY;
    await autoBackup(t);
    assert.ok(fs.existsSync(swapped), 'the changed file is left alone');
    const after = await t.call('backup.status', {});
    assert.match(after.rotation!.leftAlone.find((l) => l.name === path.basename(swapped))!.reason, /大小|文件头/);
  } finally {
    t.close();
  }
});

test('the status never points at a file that is gone', async () => {
  const dir = folder('gone');
  const clock = { now: new Date('2025-05-01T09:00:00').getTime() };
  const t = await installation(clock, dir, { daily: 7, weekly: 0, monthly: 0 });
  try {
    const first = await autoBackup(t);
    clock.now += DAY;
    const second = await autoBackup(t);
    fs.rmSync(second);
    const status = await t.call('backup.status', {});
    assert.equal(status.lastSuccess?.file, first, 'falls back to the newest backup still there');
    assert.deepEqual(status.lastSuccessGone, { at: new Date(clock.now).toISOString(), file: second });
    fs.rmSync(first);
    const none = await t.call('backup.status', {});
    assert.equal(none.lastSuccess, null);
    assert.equal(none.stale, true, 'no backup left: the warning shows');
  } finally {
    t.close();
  }
});
