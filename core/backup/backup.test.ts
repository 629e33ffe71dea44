/**
 * Adversarial tests of backup format v1: every kind of bad input and fault gives a clear
 * Chinese message, and after every failed restore the live database is byte-for-byte
 * what it was.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import { openDatabase } from '../../db/open';
import { AppError } from '../errors';
import { createBackup } from './create';
import { deriveKek } from './crypto';
import { FAT32_MAX_FILE, checkCapacity } from './fsutil';
import { CIPHER_SUITES, HEADER_LENGTH, OFFSET, parseHeader } from './format';
import { readBackupHeader, readPayload, unlockBackup } from './read';
import { backupPaths, fileOwner, recoverInterruptedRestore, restoreBackup, verifyBackup } from './restore';
import { selectToKeep } from './rotation';
import { passphraseProblem, passphraseStrength } from './strength';
import {
  FAST_KDF,
  PASSPHRASE,
  encryptRaw,
  fixChecksum,
  liveFile,
  liveState,
  makeBackup,
  readMarker,
  sealedChunkSize,
  seedDataDir,
  setMarker,
  sha256File,
} from './testing';
import type { Manifest } from './manifest';

let root: string;
let source: string; // data folder the backups are made from (marker "old")
let backupFile: string; // a good backup of it
let backupFile2: string; // a second good backup (same content, other keys)
let manifest: Manifest;
let n = 0;

const tmp = (name: string) => path.join(root, `${name}-${++n}`);
/** What is in a folder that may not exist. */
const leftovers = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-backup-test-'));
  source = path.join(root, 'source');
  seedDataDir(source, { rows: 300, rowBytes: 2000, marker: 'old' });
  const made = await makeBackup(source, path.join(root, 'usb'));
  backupFile = made.file;
  manifest = made.manifest;
  backupFile2 = (await makeBackup(source, path.join(root, 'usb2'))).file;
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

/** A copy of the source data folder whose data has moved on (marker "new"): what a restore would replace. */
function liveCopy(): string {
  const dir = tmp('live');
  fs.cpSync(source, dir, { recursive: true });
  setMarker(dir, 'new', 3);
  return dir;
}

function bad(name: string, bytes: Buffer): string {
  const file = path.join(tmp('bad'), name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  return file;
}

async function rejects(promise: Promise<unknown>, code: string, message: RegExp): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AppError, `expected AppError, got ${String((error as Error)?.stack ?? error)}`);
    assert.equal(error.code, code, error.message);
    assert.match(error.message, message);
    assert.match(error.message, /[\u4e00-\u9fa5]/, 'message is Chinese');
    return error;
  }
  assert.fail(`expected ${code}`);
}

/** Restore must fail with `code`, and the live database must be exactly as before (file bytes, side files, no copy made). */
async function restoreFails(
  file: string,
  code: string,
  message: RegExp,
  options: { passphrase?: string; latestSchemaVersion?: number } = {},
): Promise<void> {
  const dir = liveCopy();
  const beforeState = liveState(dir);
  await rejects(
    restoreBackup({
      file,
      key: { passphrase: options.passphrase ?? PASSPHRASE },
      dataDir: dir,
      databaseFile: liveFile(dir),
      owner: fileOwner(liveFile(dir)),
      ...(options.latestSchemaVersion ? { latestSchemaVersion: options.latestSchemaVersion } : {}),
    }),
    code,
    message,
  );
  assert.equal(liveState(dir), beforeState, 'live database unchanged');
  assert.equal(readMarker(dir).marker, 'new');
  const { workDir, preRestoreDir, journal } = backupPaths(dir);
  assert.deepEqual(fs.existsSync(workDir) ? fs.readdirSync(workDir) : [], [], 'no leftovers in the work folder');
  assert.equal(fs.existsSync(preRestoreDir) && fs.readdirSync(preRestoreDir).length > 0, false, 'no pre-restore copy');
  assert.equal(fs.existsSync(journal), false);
}

describe('round trip', () => {
  test('create → verify → restore brings the old data back; the replaced file is kept; nothing stale beside the live file', async () => {
    const v = await verifyBackup({ file: backupFile, key: { passphrase: PASSPHRASE }, workDir: tmp('work') });
    assert.equal(v.manifest.backupId, manifest.backupId);
    assert.equal(v.manifest.counts.settings, 301);
    assert.equal(v.manifest.schemaVersion, LATEST_SCHEMA_VERSION);

    const dir = liveCopy();
    const replacedHash = sha256File(liveFile(dir));
    const r = await restoreBackup({
      file: backupFile,
      key: { passphrase: PASSPHRASE },
      dataDir: dir,
      databaseFile: liveFile(dir),
      owner: fileOwner(liveFile(dir)),
    });
    assert.deepEqual(readMarker(dir), { marker: 'old', rows: 301 });
    assert.ok(r.preRestoreFile && fs.existsSync(r.preRestoreFile));
    assert.equal(sha256File(r.preRestoreFile), replacedHash, 'the replaced database is kept as it was');
    assert.deepEqual(
      ['-wal', '-shm', '-journal'].filter((s) => fs.existsSync(liveFile(dir) + s)),
      [],
    );
    assert.deepEqual(fs.readdirSync(backupPaths(dir).workDir), []);
  });

  test('a passphrase typed in another Unicode form (NFD) opens a backup made with NFC', async () => {
    const nfc = '安全口令 café Ångström 2025';
    const made = await makeBackup(source, tmp('usb'), nfc);
    const v = await verifyBackup({ file: made.file, key: { passphrase: nfc.normalize('NFD') }, workDir: tmp('work') });
    assert.equal(v.manifest.backupId, made.manifest.backupId);
  });

  test('passphrases are NFKC: 全角 letters and digits and the ideographic space open a backup made with their plain forms; nothing is trimmed', async () => {
    const plain = '清廉台账 ABC 123 口令';
    const made = await makeBackup(source, tmp('usb'), plain);
    const wide = '清廉台账\u3000ＡＢＣ\u3000１２３\u3000口令';
    const v = await verifyBackup({ file: made.file, key: { passphrase: wide }, workDir: tmp('work') });
    assert.equal(v.manifest.backupId, made.manifest.backupId);
    await rejects(
      verifyBackup({ file: made.file, key: { passphrase: ` ${plain}` }, workDir: tmp('work') }),
      'BAD_PASSPHRASE',
      /口令不正确/,
    );
  });

  test('a backup made before NFKC (its key from the NFC form of a 全角 passphrase) still opens with that passphrase', async () => {
    const wide = '旧版口令\u3000ＡＢＣ１２３';
    const salt = randomBytes(32);
    const kek = await deriveKek(Buffer.from(wide.normalize('NFC'), 'utf8'), salt, FAST_KDF);
    const made = await makeBackup(source, tmp('usb'), PASSPHRASE, { key: { kek, salt, kdf: FAST_KDF } });
    const v = await verifyBackup({ file: made.file, key: { passphrase: wide }, workDir: tmp('work') });
    assert.equal(v.manifest.backupId, made.manifest.backupId);
  });

  test('two backups in the same second get different names; an existing file is never overwritten', async () => {
    const dir = tmp('usb');
    const fixed = () => new Date('2025-03-14T09:30:05Z');
    fs.mkdirSync(dir, { recursive: true });
    const a = await makeBackup(source, dir, PASSPHRASE, { now: fixed });
    const aHash = sha256File(a.file);
    const b = await makeBackup(source, dir, PASSPHRASE, { now: fixed });
    assert.notEqual(a.file, b.file);
    assert.equal(sha256File(a.file), aHash);
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.endsWith('.partial')),
      [],
    );
  });

  test('the live database can be written while a snapshot is taken from the same connection', async () => {
    const dir = liveCopy();
    const { db } = openDatabase(liveFile(dir));
    try {
      const writes = setInterval(
        () => db.prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, '1', 'x')").run(`w-${Math.random()}`),
        1,
      );
      const r = await createBackup({
        source: { db, databaseFile: liveFile(dir) },
        targetDir: fs.mkdirSync(tmp('usb-live'), { recursive: true })!,
        key: { passphrase: PASSPHRASE },
        kind: 'manual',
        appVersion: 't',
        workDir: backupPaths(dir).workDir,
        kdf: FAST_KDF,
      }).finally(() => clearInterval(writes));
      assert.ok(r.manifest.counts.settings! >= 304);
      assert.equal(r.snapshot, 'copy', 'copied through SQLite, never read in place with fs');
      // The image is the state the counts describe: verify decrypts it and checks the counts and the digest.
      const v = await verifyBackup({ file: r.file, key: { passphrase: PASSPHRASE }, workDir: tmp('verify') });
      assert.deepEqual(v.manifest.counts, r.manifest.counts);
      assert.deepEqual(leftovers(backupPaths(dir).workDir), []);
    } finally {
      db.close();
    }
  });

  test('the backed-up image is a self-contained rollback-journal database (header bytes 18–19 are 1)', async () => {
    const r = await makeBackup(source, tmp('usb-header'), PASSPHRASE, { chunkLog2: 20 });
    const opened = await readBackupHeader(r.file);
    const { keys } = await unlockBackup(opened.header, { passphrase: PASSPHRASE });
    const image: Buffer[] = [];
    await readPayload(opened, keys, { sink: async (b) => void image.push(Buffer.from(b)) });
    const bytes = Buffer.concat(image);
    assert.equal(bytes.subarray(0, 16).toString('latin1'), 'SQLite format 3\0');
    assert.deepEqual([bytes[18], bytes[19]], [1, 1]);
    assert.equal(bytes.length, r.manifest.database.size);
    assert.equal(createHash('sha256').update(bytes).digest('hex'), r.manifest.database.sha256);
  });

  test('when the WAL cannot be emptied (another program is reading it), the backup is made from a copy, then the copy is removed', async () => {
    const dir = liveCopy();
    const writer = new Database(liveFile(dir));
    const reader = new Database(liveFile(dir), { readonly: true });
    try {
      writer.pragma('wal_autocheckpoint = 0');
      writer.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('in-wal', '1', 'x')").run();
      reader.prepare('BEGIN').run();
      reader.prepare('SELECT count(*) FROM settings').get(); // pins the WAL frames
      assert.ok(fs.statSync(`${liveFile(dir)}-wal`).size > 0);
      const r = await makeBackup(dir, tmp('usb-copy'));
      const rows = (writer.prepare('SELECT count(*) AS n FROM settings').get() as { n: number }).n;
      assert.equal(r.snapshot, 'copy');
      assert.equal(r.manifest.counts.settings, rows, 'the row still in the WAL is in the backup');
      const v = await verifyBackup({ file: r.file, key: { passphrase: PASSPHRASE }, workDir: tmp('verify') });
      assert.equal(v.manifest.counts.settings, rows);
      assert.deepEqual(leftovers(backupPaths(dir).workDir), [], 'the copy is gone');
    } finally {
      reader.close();
      writer.close();
    }
  });

  test('a damaged live database is not backed up: DB_UNREADABLE, nothing left behind', async () => {
    const dir = liveCopy();
    // Overwrite a page in the middle of the settings table (the file, not the header).
    const file = liveFile(dir);
    const fd = fs.openSync(file, 'r+');
    const size = fs.fstatSync(fd).size;
    fs.writeSync(fd, Buffer.alloc(4096, 0x5a), 0, 4096, Math.floor(size / 4096 / 2) * 4096);
    fs.closeSync(fd);
    const usb = tmp('usb-corrupt');
    await rejects(makeBackup(dir, usb), 'DB_UNREADABLE', /已损坏/);
    assert.deepEqual(leftovers(usb), []);
    assert.deepEqual(leftovers(backupPaths(dir).workDir), []);
  });

  test('the read-back catches a byte that differs from what was written: the partial file is removed', async () => {
    const usb = tmp('usb-readback');
    await rejects(
      makeBackup(source, usb, PASSPHRASE, {
        testHooks: {
          beforeReadBack: (partial) => {
            const fd = fs.openSync(partial, 'r+');
            fs.writeSync(fd, Buffer.from([0xff]), 0, 1, HEADER_LENGTH + 100_000);
            fs.closeSync(fd);
          },
        },
      }),
      'TARGET_UNWRITABLE',
      /读回校验失败/,
    );
    assert.deepEqual(leftovers(usb), []);
  });

  for (const noDirectRead of [false, true]) {
    test(`the read-back ${noDirectRead ? 'through the cache' : 'from the device'} catches damage to the written file and says where it read from`, async () => {
      const usb = tmp('usb-readback-2');
      const ok = await makeBackup(source, usb, PASSPHRASE, { testHooks: { noDirectRead } });
      // Linux can bypass the cache (O_DIRECT); where it cannot, the result says 'cache' and the UI words claim less.
      assert.equal(ok.readBack, noDirectRead || process.platform !== 'linux' ? 'cache' : 'device');
      await rejects(
        makeBackup(source, usb, PASSPHRASE, {
          testHooks: {
            noDirectRead,
            beforeReadBack: (partial) => {
              const fd = fs.openSync(partial, 'r+');
              fs.writeSync(fd, Buffer.from([0x5a]), 0, 1, fs.fstatSync(fd).size - 3); // the last chunk's tag
              fs.closeSync(fd);
            },
          },
        }),
        'TARGET_UNWRITABLE',
        /读回校验失败/,
      );
      assert.deepEqual(leftovers(usb), [path.basename(ok.file)]);
    });
  }
});

describe('wrong key and foreign files', () => {
  test('wrong passphrase: BAD_PASSPHRASE, live database unchanged', async () => {
    await rejects(
      verifyBackup({ file: backupFile, key: { passphrase: 'not the passphrase' }, workDir: tmp('work') }),
      'BAD_PASSPHRASE',
      /口令不正确/,
    );
    await restoreFails(backupFile, 'BAD_PASSPHRASE', /口令不正确/, { passphrase: '清廉台账 backup 口令 2024' });
  });

  test('files that are not backups: text, random bytes, empty, a SQLite database, a folder, a missing file', async () => {
    await restoreFails(bad('notes.qlbak', Buffer.from('这是一个普通的文本文件\n')), 'NOT_A_BACKUP', /不是清廉台账的备份文件/);
    await restoreFails(
      bad('random.qlbak', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256))),
      'NOT_A_BACKUP',
      /不是清廉台账的备份文件/,
    );
    await restoreFails(bad('empty.qlbak', Buffer.alloc(0)), 'NOT_A_BACKUP', /不是清廉台账的备份文件/);
    await restoreFails(bad('db.qlbak', fs.readFileSync(liveFile(source))), 'NOT_A_BACKUP', /不是清廉台账的备份文件/);
    await restoreFails(path.join(root, 'usb'), 'NOT_A_BACKUP', /文件夹/);
    await restoreFails(path.join(root, 'nowhere.qlbak'), 'NOT_FOUND', /找不到文件/);
  });
});

describe('damage and tampering', () => {
  test('a flipped byte anywhere in the header is caught before any key work, with a message', async () => {
    const good = fs.readFileSync(backupFile);
    for (let i = 0; i < HEADER_LENGTH; i++) {
      const b = Buffer.from(good);
      b[i] = b[i]! ^ 0x5a;
      // parseHeader needs no key: a refusal here costs no KDF work.
      assert.throws(
        () => parseHeader(b.subarray(0, HEADER_LENGTH), b.length),
        (e: unknown) =>
          e instanceof AppError &&
          ['NOT_A_BACKUP', 'BACKUP_CORRUPT', 'BACKUP_UNSUPPORTED'].includes(e.code) &&
          /[\u4e00-\u9fa5]/.test(e.message),
        `byte ${i}`,
      );
    }
    // And through restore, for a few positions (magic, KDF parameters, salt, wrapped key, MAC, checksum).
    for (const i of [0, 14, 60, 100, 150, 180]) {
      const b = Buffer.from(good);
      b[i] = b[i]! ^ 0x01;
      await restoreFails(bad(`h${i}.qlbak`, b), i < 8 ? 'NOT_A_BACKUP' : 'BACKUP_CORRUPT', i < 8 ? /不是/ : /文件头已损坏/);
    }
  });

  test('crafted headers with a valid checksum: absurd KDF parameters are refused at once', async () => {
    const good = fs.readFileSync(backupFile);
    for (const [field, value] of [
      ['logN', 40],
      ['logN', 21],
      ['logN', 20], // what the 209-byte crafted file asked for: 1.1 GB and 11–16 s before this bound
      ['logN', 19],
      ['logN', 10],
      ['r', 255],
      ['r', 1],
      ['p', 0],
      ['p', 200],
      ['chunkLog2', 31],
      ['chunkLog2', 4],
    ] as const) {
      const b = Buffer.from(good);
      b[OFFSET[field]] = value;
      fixChecksum(b);
      const file = bad(`${field}${value}.qlbak`, b);
      // Refused by the header check alone, which runs before the only KDF call (unlockBackup).
      await rejects(readBackupHeader(file), 'BACKUP_CORRUPT', /超出允许范围/);
      await rejects(verifyBackup({ file, key: { passphrase: PASSPHRASE }, workDir: tmp('work') }), 'BACKUP_CORRUPT', /超出允许范围/);
    }
    // Work N·p is bounded too: 2^18 with p = 2 is twice the most a reader will spend.
    const costly = Buffer.from(good);
    costly[OFFSET.logN] = 18;
    costly[OFFSET.p] = 2;
    await rejects(readBackupHeader(bad('work.qlbak', fixChecksum(costly))), 'BACKUP_CORRUPT', /超出允许范围/);
    const huge = Buffer.from(good);
    huge.writeBigUInt64BE(2n ** 62n, OFFSET.plaintextLength);
    await restoreFails(bad('huge.qlbak', fixChecksum(huge)), 'BACKUP_CORRUPT', /长度不合理/);
  });

  test('crafted headers with a valid checksum: edited fields fail the key wrap; an edited MAC fails the MAC', async () => {
    const good = fs.readFileSync(backupFile);
    const created = Buffer.from(good);
    created.writeBigUInt64BE(BigInt(Date.parse('2020-01-01')), OFFSET.createdAt);
    await restoreFails(bad('created.qlbak', fixChecksum(created)), 'BAD_PASSPHRASE', /口令不正确.*改动/);
    const mac = Buffer.from(good);
    mac[OFFSET.mac + 5] = mac[OFFSET.mac + 5]! ^ 1;
    await restoreFails(bad('mac.qlbak', fixChecksum(mac)), 'BACKUP_CORRUPT', /认证码不符/);
  });

  test('newer backup format and the reserved SM4 suite are refused with their own messages', async () => {
    const good = fs.readFileSync(backupFile);
    const v2 = Buffer.from(good);
    v2.writeUInt16BE(2, OFFSET.version);
    await restoreFails(bad('v2.qlbak', fixChecksum(v2)), 'BACKUP_UNSUPPORTED', /更新版本/);
    const sm4 = Buffer.from(good);
    sm4[OFFSET.suite] = CIPHER_SUITES.SM4_GCM;
    await restoreFails(bad('sm4.qlbak', fixChecksum(sm4)), 'BACKUP_UNSUPPORTED', /SM4/);
  });

  test('truncation anywhere and extra bytes are caught from the size, before any key work', async () => {
    const good = fs.readFileSync(backupFile);
    for (const cut of [
      1,
      100,
      HEADER_LENGTH - 1,
      HEADER_LENGTH,
      HEADER_LENGTH + 1,
      Math.floor(good.length / 2),
      good.length - sealedChunkSize(),
      good.length - 16,
      good.length - 1,
    ]) {
      const file = bad(`cut${cut}.qlbak`, good.subarray(0, cut));
      const code = cut < 8 ? 'NOT_A_BACKUP' : 'BACKUP_CORRUPT';
      const message = cut < 8 ? /不是/ : /截断|不完整/;
      await rejects(readBackupHeader(file), code, message); // before any KDF work
      await rejects(verifyBackup({ file, key: { passphrase: PASSPHRASE }, workDir: tmp('work') }), code, message);
    }
    await restoreFails(bad('cut.qlbak', good.subarray(0, good.length - 1000)), 'BACKUP_CORRUPT', /截断/);
    await restoreFails(bad('extra.qlbak', Buffer.concat([good, Buffer.from('extra')])), 'BACKUP_CORRUPT', /多出 5 字节/);
    await restoreFails(bad('twice.qlbak', Buffer.concat([good, good])), 'BACKUP_CORRUPT', /多出/);
  });

  test('a flipped bit in any chunk or tag of the data is caught, naming the chunk', async () => {
    const good = fs.readFileSync(backupFile);
    const size = sealedChunkSize();
    const chunks = Math.ceil((good.length - HEADER_LENGTH) / size);
    assert.ok(chunks >= 4, `fixture has ${chunks} chunks`);
    for (const [k, where] of [
      [0, 0],
      [0, 10],
      [1, 30_000],
      [chunks - 1, 5],
      [chunks - 1, -1],
    ] as const) {
      const b = Buffer.from(good);
      const pos = where < 0 ? b.length + where : HEADER_LENGTH + k * size + where;
      b[pos] = b[pos]! ^ 0x80;
      await rejects(
        verifyBackup({ file: bad(`c${k}-${where}.qlbak`, b), key: { passphrase: PASSPHRASE }, workDir: tmp('work') }),
        'BACKUP_CORRUPT',
        new RegExp(`第 ${k + 1} 块`),
      );
    }
    const b = Buffer.from(good);
    b[HEADER_LENGTH + 2 * size + 77] = b[HEADER_LENGTH + 2 * size + 77]! ^ 0x01;
    await restoreFails(bad('chunk2.qlbak', b), 'BACKUP_CORRUPT', /第 3 块数据已损坏/);
  });

  test('reordered chunks, a chunk from another backup, and a header from another backup are all refused', async () => {
    const good = fs.readFileSync(backupFile);
    const other = fs.readFileSync(backupFile2);
    const size = sealedChunkSize();
    const at = (k: number) => HEADER_LENGTH + k * size;
    const swapped = Buffer.from(good);
    good.copy(swapped, at(1), at(2), at(3));
    good.copy(swapped, at(2), at(1), at(2));
    await restoreFails(bad('swapped.qlbak', swapped), 'BACKUP_CORRUPT', /第 2 块.*顺序/);
    assert.equal(good.length, other.length, 'both backups have the same layout');
    const spliced = Buffer.from(good);
    other.copy(spliced, at(2), at(2), at(3));
    await restoreFails(bad('spliced.qlbak', spliced), 'BACKUP_CORRUPT', /第 3 块/);
    const headerSwap = Buffer.concat([other.subarray(0, HEADER_LENGTH), good.subarray(HEADER_LENGTH)]);
    await restoreFails(bad('header-swap.qlbak', headerSwap), 'BACKUP_CORRUPT', /第 1 块/);
    // The last chunk moved to the middle (and the file cut there): the last-chunk flag does not match.
    const lastStart = at(Math.ceil((good.length - HEADER_LENGTH) / size) - 1);
    const early = Buffer.concat([good.subarray(0, at(1)), good.subarray(lastStart)]);
    const h = Buffer.from(early);
    h.writeBigUInt64BE(BigInt(early.length - HEADER_LENGTH - 2 * 16), OFFSET.plaintextLength);
    await restoreFails(bad('early-end.qlbak', fixChecksum(h)), 'BAD_PASSPHRASE', /改动/);
  });
});

describe('what restore checks after decryption', () => {
  const base = (): Manifest => ({ ...manifest, backupId: 'ab'.repeat(16), counts: { ...manifest.counts } });
  const snapshotBytes = () => {
    const f = path.join(tmp('snap'), 'db.sqlite');
    fs.mkdirSync(path.dirname(f), { recursive: true });
    const db = new Database(liveFile(source), { readonly: true });
    db.prepare('VACUUM INTO ?').run(f);
    db.close();
    return fs.readFileSync(f);
  };
  const withDigest = (m: Manifest, bytes: Buffer): Manifest => ({
    ...m,
    database: { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') },
  });

  test('a backup from a newer app version (schema) is refused: BACKUP_FROM_FUTURE, before the data is decrypted', async () => {
    await restoreFails(backupFile, 'BACKUP_FROM_FUTURE', /更新版本.*数据版本/, { latestSchemaVersion: LATEST_SCHEMA_VERSION - 1 });
  });

  test('row counts that do not match the manifest are refused', async () => {
    const bytes = snapshotBytes();
    const m = withDigest(base(), bytes);
    m.counts.settings = 999;
    await restoreFails(bad('counts.qlbak', await encryptRaw(bytes, m)), 'BACKUP_CORRUPT', /记录数.*不符/);
  });

  test('a digest that does not match is refused', async () => {
    const bytes = snapshotBytes();
    const m = withDigest(base(), bytes);
    m.database.sha256 = '0'.repeat(64);
    await restoreFails(bad('digest.qlbak', await encryptRaw(bytes, m)), 'BACKUP_CORRUPT', /校验值/);
  });

  test('a damaged database inside a well-encrypted backup fails integrity_check', async () => {
    const bytes = snapshotBytes();
    // Scribble over an interior page (not the header page).
    for (let i = 4096 * 3; i < 4096 * 3 + 2000; i++) bytes[i] = 0xff;
    await restoreFails(bad('integrity.qlbak', await encryptRaw(bytes, withDigest(base(), bytes))), 'BACKUP_CORRUPT', /完整性|损坏|外键/);
  });

  test('a manifest belonging to another backup id is refused as spliced', async () => {
    const bytes = snapshotBytes();
    const raw = await encryptRaw(bytes, withDigest(base(), bytes));
    raw.fill(0xcd, OFFSET.backupId, OFFSET.backupId + 16);
    // The backup id is bound into the key wrap; a crafted one fails there.
    await restoreFails(bad('id.qlbak', fixChecksum(raw)), 'BAD_PASSPHRASE', /口令/);
  });

  test("someone else's SQLite database inside a backup is refused", async () => {
    const f = path.join(tmp('foreign'), 'x.sqlite');
    fs.mkdirSync(path.dirname(f), { recursive: true });
    const db = new Database(f);
    db.exec('CREATE TABLE t(x); INSERT INTO t VALUES (1); PRAGMA journal_mode=DELETE;');
    db.close();
    const bytes = fs.readFileSync(f);
    await restoreFails(
      bad('foreign.qlbak', await encryptRaw(bytes, withDigest({ ...base(), counts: { t: 1 } }, bytes))),
      'NOT_A_BACKUP',
      /不是清廉台账的数据文件/,
    );
  });
});

describe('faults while writing', () => {
  test('no space: refused before writing (free space checked first), nothing left behind', async () => {
    const dir = tmp('usb-full');
    fs.mkdirSync(dir);
    await rejects(
      makeBackup(source, dir, PASSPHRASE, { testHooks: { space: async (d) => (d === dir ? { free: 1000, type: 0 } : null) } }),
      'TARGET_UNWRITABLE',
      /空间不足/,
    );
    assert.deepEqual(fs.readdirSync(dir), []);
  });

  test('disk full in the middle of writing: the partial file is removed, earlier backups untouched', async () => {
    const dir = tmp('usb-enospc');
    fs.mkdirSync(dir);
    const earlier = (await makeBackup(source, dir)).file;
    const earlierHash = sha256File(earlier);
    await rejects(
      makeBackup(source, dir, PASSPHRASE, {
        testHooks: {
          beforeWrite: (written) => {
            if (written > 200_000) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
          },
        },
      }),
      'TARGET_UNWRITABLE',
      /空间已满/,
    );
    assert.deepEqual(fs.readdirSync(dir), [path.basename(earlier)]);
    assert.equal(sha256File(earlier), earlierHash);
    assert.deepEqual(leftovers(backupPaths(source).workDir), []);
  });

  const canMount = (() => {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
    const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-mount-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
      execFileSync('umount', [probe], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    } finally {
      fs.rmSync(probe, { recursive: true, force: true });
    }
  })();
  const mountTest = canMount ? test : test.skip;

  mountTest('a real small disk (tmpfs) that fills up mid-write: clear message, no partial file', async () => {
    const dir = tmp('tmpfs');
    fs.mkdirSync(dir);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', dir]);
    try {
      // Pretend there is room, so the write itself runs into ENOSPC.
      await rejects(
        makeBackup(source, dir, PASSPHRASE, { testHooks: { space: async () => ({ free: 1e9, type: 0 }) } }),
        'TARGET_UNWRITABLE',
        /空间已满/,
      );
      assert.deepEqual(fs.readdirSync(dir), []);
      // And without pretending: the free-space check refuses first.
      await rejects(makeBackup(source, dir), 'TARGET_UNWRITABLE', /空间不足/);
    } finally {
      execFileSync('umount', [dir]);
    }
  });

  mountTest('a read-only target (write-protected stick): clear message', async () => {
    const dir = tmp('ro');
    fs.mkdirSync(dir);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=16m', 'tmpfs', dir]);
    try {
      await rejects(makeBackup(source, dir), 'TARGET_UNWRITABLE', /只读|写保护/);
    } finally {
      execFileSync('umount', [dir]);
    }
  });

  test('missing target folder, a file instead of a folder, the data folder itself', async () => {
    const into = (targetDir: string) =>
      createBackup({
        source: { databaseFile: liveFile(source) },
        targetDir,
        key: { passphrase: PASSPHRASE },
        kind: 'manual',
        appVersion: 't',
        workDir: tmp('w'),
        kdf: FAST_KDF,
      });
    await rejects(into(path.join(root, 'no', 'such')), 'TARGET_UNWRITABLE', /不存在/);
    await rejects(into(backupFile), 'TARGET_UNWRITABLE', /不是文件夹/);
    await rejects(into(source), 'VALIDATION', /数据文件所在的文件夹/);
  });

  test('FAT32: a backup over 4 GiB is refused on FAT (and where the file system is unknown); fine on others', () => {
    assert.match(checkCapacity(FAT32_MAX_FILE + 1, { free: 1e12, type: 0x4d44 }, 'linux')!.message, /FAT32.*4 GB/);
    assert.match(checkCapacity(FAT32_MAX_FILE + 1, { free: 1e12, type: 0 }, 'win32')!.message, /FAT32/);
    assert.equal(checkCapacity(FAT32_MAX_FILE + 1, { free: 1e12, type: 0xef53 }, 'linux'), null);
    assert.equal(checkCapacity(FAT32_MAX_FILE - 1e6, { free: 1e12, type: 0x4d44 }, 'linux'), null);
    assert.match(checkCapacity(10e6, { free: 5e6, type: 0 }, 'linux')!.message, /空间不足/);
  });

  test('cancel during create: nothing left; cancel during restore (before the swap): live database unchanged', async () => {
    const dir = tmp('usb-cancel');
    fs.mkdirSync(dir);
    const c = new AbortController();
    await rejects(
      makeBackup(source, dir, PASSPHRASE, { signal: c.signal, onProgress: (p) => p.phase === 'encrypt' && c.abort() }),
      'CANCELLED',
      /已取消/,
    );
    assert.deepEqual(fs.readdirSync(dir), []);
    const live = liveCopy();
    const state = liveState(live);
    const r = new AbortController();
    await rejects(
      restoreBackup({
        file: backupFile,
        key: { passphrase: PASSPHRASE },
        dataDir: live,
        databaseFile: liveFile(live),
        owner: fileOwner(liveFile(live)),
        signal: r.signal,
        onProgress: (p) => p.phase === 'decrypt' && p.fraction > 0.1 && r.abort(),
      }),
      'CANCELLED',
      /已取消/,
    );
    assert.equal(liveState(live), state);
  });

  test('restore while another connection has the database open (the app is running): BUSY, unchanged', async () => {
    const live = liveCopy();
    const other = new Database(liveFile(live));
    other.pragma('journal_mode = WAL');
    other.prepare('SELECT count(*) FROM settings').get();
    try {
      const state = sha256File(liveFile(live));
      await rejects(
        restoreBackup({
          file: backupFile,
          key: { passphrase: PASSPHRASE },
          dataDir: live,
          databaseFile: liveFile(live),
          owner: fileOwner(liveFile(live)),
        }),
        'BUSY',
        /正被.*使用/,
      );
      assert.equal(sha256File(liveFile(live)), state);
    } finally {
      other.close();
    }
    assert.equal(readMarker(live).marker, 'new');
  });
});

describe('crash recovery states (the restore journal)', () => {
  function journalCase(setup: (paths: { live: string; incoming: string; pre: string }) => void): {
    dir: string;
    outcome: string | undefined;
  } {
    const dir = liveCopy();
    const p = backupPaths(dir);
    fs.mkdirSync(p.workDir, { recursive: true });
    fs.mkdirSync(p.preRestoreDir, { recursive: true });
    const paths = {
      live: liveFile(dir),
      incoming: path.join(p.workDir, 'restore-x.sqlite'),
      pre: path.join(p.preRestoreDir, 'pre.sqlite'),
    };
    // The incoming file: the good backup's database ("old").
    const src = new Database(liveFile(source), { readonly: true });
    src.prepare('VACUUM INTO ?').run(paths.incoming);
    src.close();
    fs.writeFileSync(
      p.journal,
      JSON.stringify({
        version: 1,
        state: 'swapping',
        live: paths.live,
        incoming: paths.incoming,
        preRestore: paths.pre,
        backupFile: 'b',
        backupId: 'x',
        startedAt: 'now',
      }),
    );
    setup(paths);
    const outcome = recoverInterruptedRestore(dir, liveFile(dir))?.outcome;
    assert.equal(fs.existsSync(p.journal), false);
    assert.deepEqual(fs.readdirSync(p.workDir), []);
    return { dir, outcome };
  }

  test('journal written, nothing renamed yet: rolled back, live untouched', () => {
    let state = '';
    const { dir, outcome } = journalCase(() => {
      state = liveState(path.dirname(backupPaths(root).journal));
    });
    assert.equal(outcome, 'rolled-back');
    assert.equal(readMarker(dir).marker, 'new');
    assert.ok(state);
  });

  test('old file moved aside, new not yet in: finished (the new file was verified)', () => {
    const { dir, outcome } = journalCase(({ live, pre }) => fs.renameSync(live, pre));
    assert.equal(outcome, 'completed');
    assert.equal(readMarker(dir).marker, 'old');
  });

  test('a stale -wal beside the live path while finishing is moved aside with the old file, never mixed into the new one', () => {
    let wal = '';
    const { dir, outcome } = journalCase(({ live, pre }) => {
      fs.renameSync(live, pre);
      wal = `${live}-wal`;
      fs.writeFileSync(wal, 'stale wal from the old database');
    });
    assert.equal(outcome, 'completed');
    assert.equal(fs.existsSync(wal), false);
    assert.equal(readMarker(dir).marker, 'old');
  });

  test('both renames done: completed; a damaged journal is set aside and the live file left alone', () => {
    const { dir, outcome } = journalCase(({ live, incoming, pre }) => {
      fs.renameSync(live, pre);
      fs.renameSync(incoming, live);
    });
    assert.equal(outcome, 'completed');
    assert.equal(readMarker(dir).marker, 'old');
    const p = backupPaths(dir);
    fs.writeFileSync(p.journal, '{"version": 1, "sta');
    assert.equal(recoverInterruptedRestore(dir, liveFile(dir))?.outcome, 'journal-unreadable');
    assert.equal(readMarker(dir).marker, 'old');
  });
});

describe('policies', () => {
  test('rotation keeps 7 daily, 4 weekly, 12 monthly and always the newest', () => {
    const start = new Date(2025, 0, 1, 2, 0, 0).getTime();
    const all = Array.from({ length: 400 * 2 }, (_, i) => ({ file: `f${i}`, createdAt: new Date(start + i * 12 * 3600_000) }));
    const { keep, remove } = selectToKeep(all, { daily: 7, weekly: 4, monthly: 12 });
    assert.equal(keep.length + remove.length, all.length);
    assert.equal(keep[0], all.at(-1));
    const days = new Set(keep.map((k) => k.createdAt.toDateString()));
    assert.ok(keep.length <= 7 + 4 + 12 + 1 && keep.length >= 12, `kept ${keep.length}`);
    assert.ok(days.size >= 7);
    const months = new Set(keep.map((k) => `${k.createdAt.getFullYear()}-${k.createdAt.getMonth()}`));
    assert.ok(months.size >= 12);
    assert.deepEqual(selectToKeep([], { daily: 7, weekly: 4, monthly: 12 }), { keep: [], remove: [] });
    assert.equal(selectToKeep(all, { daily: 0, weekly: 0, monthly: 0 }).keep.length, 1);
  });

  test('passphrase strength: short and simple ones are refused; phrases and Chinese pass', () => {
    assert.ok(passphraseProblem('abc'));
    assert.ok(passphraseProblem('aaaaaaaaaaaa'));
    assert.ok(passphraseProblem('1234567890'));
    assert.equal(passphraseProblem('Correct-Horse-77'), null);
    assert.equal(passphraseProblem('清廉台账备份口令二〇二五'), null);
    assert.match(passphraseProblem(' Correct-Horse-77') ?? '', /开头和结尾不能是空格/);
    assert.match(passphraseProblem('Correct-Horse-77\u3000') ?? '', /开头和结尾不能是空格/);
    assert.ok(passphraseStrength('Tr0ub4dour&3-battery-staple').score >= 3);
  });

  test('the header can be read without the passphrase (for listing files)', async () => {
    const { header } = await readBackupHeader(backupFile);
    assert.equal(header.createdAt.toISOString(), manifest.createdAt);
    assert.equal(header.logN, FAST_KDF.logN);
  });
});
