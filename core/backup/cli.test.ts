/** The backup command line: exit codes, and the passphrase never from argv. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { EXIT, runCli } from './cli';
import { PASSPHRASE, liveFile, readMarker, seedDataDir, setMarker } from './testing';
import { installTestHooks } from '../config/testHooks';
import { capturedIo } from '../testing';

installTestHooks({ backupKdfLogN: 15 }); // a quick KDF (core/config/testHooks.ts)

let root: string;
let dataDir: string;
let passFile: string;
let backup: string;

/** The CLI's io, captured (this version stamped in the backups it writes). */
const io = (stdin = '') => capturedIo(stdin, '9.9.9');

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-cli-test-'));
  dataDir = path.join(root, 'data');
  seedDataDir(dataDir, { marker: 'old' });
  passFile = path.join(root, 'pass.txt');
  fs.writeFileSync(passFile, `${PASSPHRASE}\n`);
  fs.mkdirSync(path.join(root, 'usb'));
  const r = io();
  const code = await runCli(
    ['backup', 'create', '--to', path.join(root, 'usb'), '--data-dir', dataDir, '--passphrase-file', passFile],
    r.io,
  );
  assert.equal(code, EXIT.OK, r.err.join(''));
  backup = r.out.join('').trim();
  assert.ok(fs.existsSync(backup));
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

test('usage errors exit 2; a passphrase on the command line is refused', async () => {
  for (const args of [
    [],
    ['backup'],
    ['backup', 'nonsense'],
    ['backup', 'create', '--data-dir', dataDir, '--passphrase-file', passFile],
    ['backup', 'restore', backup, '--passphrase-file', passFile],
  ]) {
    assert.equal(await runCli(args, io().io), EXIT.USAGE, args.join(' '));
  }
  const r = io();
  assert.equal(await runCli(['backup', 'verify', backup, '--passphrase', PASSPHRASE], r.io), EXIT.USAGE);
  assert.match(r.err.join(''), /口令不能写在命令行上/);
  const weak = io('short\n');
  assert.equal(await runCli(['backup', 'create', '--to', root, '--data-dir', dataDir, '--passphrase-stdin'], weak.io), EXIT.USAGE);
});

test('verify: 0 with the manifest as JSON; 3 wrong passphrase; 4 damaged or not a backup; info needs no passphrase', async () => {
  const ok = io(`${PASSPHRASE}\n`);
  assert.equal(await runCli(['backup', 'verify', backup, '--passphrase-stdin'], ok.io), EXIT.OK);
  assert.equal((JSON.parse(ok.out.join('')) as { manifest: { appVersion: string } }).manifest.appVersion, '9.9.9');
  assert.equal(await runCli(['backup', 'verify', backup, '--passphrase-stdin'], io('wrong passphrase\n').io), EXIT.BAD_PASSPHRASE);
  const damaged = path.join(root, 'damaged.qlbak');
  const b = fs.readFileSync(backup);
  b[b.length - 100] = b[b.length - 100]! ^ 1;
  fs.writeFileSync(damaged, b);
  assert.equal(await runCli(['backup', 'verify', damaged, '--passphrase-file', passFile], io().io), EXIT.CORRUPT);
  assert.equal(await runCli(['backup', 'verify', passFile, '--passphrase-file', passFile], io().io), EXIT.CORRUPT);
  const info = io();
  assert.equal(await runCli(['backup', 'info', backup], info.io), EXIT.OK);
  assert.equal((JSON.parse(info.out.join('')) as { formatVersion: number }).formatVersion, 1);
});

test('create: 6 when the target is missing; restore: 7 while the database is open elsewhere, 0 otherwise', async () => {
  assert.equal(
    await runCli(['backup', 'create', '--to', path.join(root, 'gone'), '--data-dir', dataDir, '--passphrase-file', passFile], io().io),
    EXIT.UNWRITABLE,
  );
  setMarker(dataDir, 'new');
  const other = new Database(liveFile(dataDir));
  other.pragma('journal_mode = WAL');
  other.prepare('SELECT 1 FROM settings').get();
  try {
    const busy = io();
    assert.equal(
      await runCli(['backup', 'restore', backup, '--data-dir', dataDir, '--passphrase-file', passFile, '--yes'], busy.io),
      EXIT.BUSY,
    );
    assert.match(busy.err.join(''), /请先退出清廉台账/);
  } finally {
    other.close();
  }
  assert.equal(readMarker(dataDir).marker, 'new');
  const r = io();
  assert.equal(
    await runCli(['backup', 'restore', backup, '--data-dir', dataDir, '--passphrase-file', passFile, '--yes'], r.io),
    EXIT.OK,
    r.err.join(''),
  );
  assert.equal(readMarker(dataDir).marker, 'old');
});

for (const [damage, harm] of [
  [
    'first 100 bytes overwritten',
    (f: string) => {
      const fd = fs.openSync(f, 'r+');
      fs.writeSync(fd, Buffer.alloc(100, 0x41), 0, 100, 0);
      fs.closeSync(fd);
    },
  ],
  ['truncated to half', (f: string) => fs.truncateSync(f, Math.floor(fs.statSync(f).size / 2 / 4096) * 4096 + 100)],
] as const) {
  test(`a damaged live file (${damage}): create exits 9 (damaged, not "in use"); restore moves it aside, kept byte for byte, and proceeds`, async () => {
    const dir = path.join(root, `damaged-${damage.length}`);
    fs.cpSync(dataDir, dir, { recursive: true });
    setMarker(dir, 'new');
    harm(liveFile(dir));
    const damagedBytes = fs.readFileSync(liveFile(dir));
    const c = io();
    assert.equal(
      await runCli(['backup', 'create', '--to', path.join(root, 'usb'), '--data-dir', dir, '--passphrase-file', passFile], c.io),
      EXIT.DB,
      c.err.join(''),
    );
    assert.match(c.err.join(''), /已损坏/);
    const r = io();
    assert.equal(
      await runCli(['backup', 'restore', backup, '--data-dir', dir, '--passphrase-file', passFile, '--yes'], r.io),
      EXIT.OK,
      r.err.join(''),
    );
    assert.match(r.err.join(''), /原数据文件已损坏，无法读取；已原样移到/);
    assert.equal(readMarker(dir).marker, 'old');
    const kept = JSON.parse(r.out.join('')) as { preRestoreFile: string; replacedDamaged: boolean };
    assert.equal(kept.replacedDamaged, true);
    assert.match(path.basename(kept.preRestoreFile), /-damaged-/);
    assert.deepEqual(fs.readFileSync(kept.preRestoreFile), damagedBytes, 'the damaged file is kept as it was');
  });
}
