/**
 * Crash test: a real child process (the backup CLI) is killed with SIGKILL at chosen
 * points and at random moments of create and restore; then the data folder and the
 * backup folder are checked as the next start would find them.
 *
 * After a killed create: the live database is untouched; the earlier backup is
 * byte-for-byte intact; every finished-looking backup file verifies; at most a
 * *.partial is left (never a damaged *.qlbak).
 * After a killed restore: the next start (core host) finishes or rolls back; the
 * database is wholly the old data or wholly the backup's, opens and passes
 * integrity_check; nothing is left in the work folder; no journal remains.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { createCoreHost } from '../host/coreHost';
import { ADMIN, SETUP_INPUT } from '../testing';
import { backupPaths, verifyBackup } from './restore';
import { PASSPHRASE, liveFile, makeBackup, readMarker, seedDataDir, setMarker, sha256File } from './testing';

const repo = path.resolve(__dirname, '..', '..');
let root: string;
let cliCommand: string[];
let seeded: string; // data folder, marker "old"
let goodBackup: string; // backup of it

/** A short run in `npm test`; the long soak with QINGLIAN_CRASH_SOAK=1 (or an explicit QINGLIAN_CRASH_RUNS). */
const RANDOM_RUNS = Number(process.env.QINGLIAN_CRASH_RUNS ?? (process.env.QINGLIAN_CRASH_SOAK ? 100 : 6));
/** At least this share of the random kills must land inside the operation (after it began, before it ended), or the test proves nothing. */
const INSIDE_SHARE = 1 / 3;

before(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-crash-'));
  // Bundle the CLI once (esbuild ships with tsx), so each child starts in ~0.1 s instead of compiling TypeScript.
  try {
    const esbuild = await import('esbuild');
    const out = path.join(root, 'cli.cjs');
    await esbuild.build({
      entryPoints: [path.join(repo, 'cli', 'main.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: out,
      external: ['better-sqlite3'],
      logLevel: 'silent',
      define: { __dirname: JSON.stringify(path.join(repo, 'cli')) },
    });
    fs.symlinkSync(path.join(repo, 'node_modules'), path.join(root, 'node_modules'));
    cliCommand = [out];
  } catch {
    cliCommand = ['--import', 'tsx', path.join(repo, 'cli', 'main.ts')];
  }
  seeded = path.join(root, 'seeded');
  seedDataDir(seeded, { rows: 2000, rowBytes: 2000, marker: 'old' });
  goodBackup = (await makeBackup(seeded, path.join(root, 'good'))).file;
  fs.writeFileSync(path.join(root, 'pass'), PASSPHRASE + '\n');
});

after(() => fs.rmSync(root, { recursive: true, force: true }));

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  ms: number;
  stderr: string;
}

function runCli(args: string[], options: { crashAt?: string; killAfterMs?: number } = {}): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        path.join(repo, 'scripts', 'testHooksFromEnv.mjs'),
        ...cliCommand,
        'backup',
        ...args,
        '--passphrase-file',
        path.join(root, 'pass'),
      ],
      {
        cwd: repo,
        env: { ...process.env, QINGLIAN_BACKUP_KDF_LOGN: '15', ...(options.crashAt ? { QINGLIAN_BACKUP_CRASH_AT: options.crashAt } : {}) },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const timer = options.killAfterMs !== undefined ? setTimeout(() => child.kill('SIGKILL'), options.killAfterMs) : undefined;
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, ms: Date.now() - started, stderr });
    });
  });
}

let n = 0;
function freshDataDir(marker: string): string {
  const dir = path.join(root, `data-${++n}`);
  fs.cpSync(seeded, dir, { recursive: true });
  if (marker !== 'old') setMarker(dir, marker, 5);
  return dir;
}

function integrityOk(file: string): void {
  const db = new Database(file, { readonly: true });
  try {
    assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
  } finally {
    db.close();
  }
}

/** What the next start does: the core host recovers and opens; then the checks. */
function startAndCheck(dataDir: string, allowed: string[]): string {
  const host = createCoreHost({ dataDir, shell: 'browser', version: 't', scheduleBackups: false });
  host.close();
  const { workDir, journal } = backupPaths(dataDir);
  assert.equal(fs.existsSync(journal), false, 'no restore journal left');
  assert.deepEqual(fs.existsSync(workDir) ? fs.readdirSync(workDir) : [], [], 'work folder empty');
  integrityOk(liveFile(dataDir));
  const { marker, rows } = readMarker(dataDir);
  assert.ok(allowed.includes(marker), `marker ${marker}`);
  // Wholly one or the other: the row count belongs to the marker.
  assert.equal(rows, marker === 'old' ? 2001 : 2006, `rows ${rows} with marker ${marker}`);
  return marker;
}

/** The kill landed inside the operation: the process was killed after its first progress line (the work had begun) and before it finished. */
const landedInside = (run: Run, started: RegExp) => run.signal === 'SIGKILL' && started.test(run.stderr);
const inside = { create: 0, restore: 0 };

async function crashCreate(options: { crashAt?: string; killAfterMs?: number }): Promise<string> {
  const dataDir = freshDataDir('new');
  const usb = path.join(root, `usb-${++n}`);
  fs.mkdirSync(usb);
  const earlier = path.join(usb, 'qinglian-backup-20240101-000000.qlbak');
  fs.copyFileSync(goodBackup, earlier);
  const earlierHash = sha256File(earlier);
  const liveHash = sha256File(liveFile(dataDir));
  const run = await runCli(['create', '--to', usb, '--data-dir', dataDir], options);
  assert.ok(run.signal === 'SIGKILL' || run.code === 0, `create ended with ${run.code}/${run.signal}: ${run.stderr}`);
  if (landedInside(run, /备份 \d+%/)) inside.create++;
  assert.equal(sha256File(liveFile(dataDir)), liveHash, 'live database untouched by create');
  assert.equal(sha256File(earlier), earlierHash, 'earlier backup intact');
  const files = fs.readdirSync(usb);
  for (const f of files) {
    assert.ok(f.endsWith('.qlbak') || f.endsWith('.qlbak.partial'), f);
    if (f.endsWith('.qlbak') && path.join(usb, f) !== earlier) {
      const v = await verifyBackup({ file: path.join(usb, f), key: { passphrase: PASSPHRASE }, workDir: path.join(root, 'verify-work') });
      assert.equal(v.manifest.counts.settings, 2006);
    }
  }
  startAndCheck(dataDir, ['new']);
  return files.some((f) => f.endsWith('.partial')) ? 'partial' : files.length === 2 ? 'complete' : 'none';
}

async function crashRestore(options: { crashAt?: string; killAfterMs?: number }): Promise<string> {
  const dataDir = freshDataDir('new');
  const run = await runCli(['restore', goodBackup, '--data-dir', dataDir, '--yes'], options);
  assert.ok(run.signal === 'SIGKILL' || run.code === 0, `restore ended with ${run.code}/${run.signal}: ${run.stderr}`);
  if (landedInside(run, /恢复 \d+%/)) inside.restore++;
  const marker = startAndCheck(dataDir, ['old', 'new']);
  if (marker === 'old') {
    // Restored: the replaced database is kept, whole.
    const pre = fs.readdirSync(backupPaths(dataDir).preRestoreDir).filter((f) => f.endsWith('.sqlite'));
    assert.equal(pre.length, 1);
    integrityOk(path.join(backupPaths(dataDir).preRestoreDir, pre[0]!));
  }
  return marker;
}

test('create killed at each named step', async () => {
  const outcomes: Record<string, string> = {};
  for (const point of ['create:after-snapshot', 'create:mid-write', 'create:before-rename', 'create:after-rename']) {
    outcomes[point] = await crashCreate({ crashAt: point });
  }
  assert.deepEqual(outcomes, {
    'create:after-snapshot': 'none',
    'create:mid-write': 'partial',
    'create:before-rename': 'partial',
    'create:after-rename': 'complete',
  });
});

test('restore killed at each named step: the next start finishes or rolls back', async () => {
  const outcomes: Record<string, string> = {};
  for (const point of [
    'restore:after-decrypt',
    'restore:verified',
    'restore:after-journal',
    'restore:after-move-live',
    'restore:after-move-new',
    'restore:after-reopen',
  ]) {
    outcomes[point] = await crashRestore({ crashAt: point });
  }
  assert.deepEqual(outcomes, {
    'restore:after-decrypt': 'new',
    'restore:verified': 'new',
    'restore:after-journal': 'new',
    'restore:after-move-live': 'old',
    'restore:after-move-new': 'old',
    'restore:after-reopen': 'old',
  });
});

test(`create and restore killed at random moments (${RANDOM_RUNS} runs each)`, async () => {
  // How long an uninterrupted run takes, to spread the kills over it.
  // (measured side by side, as the killed runs below go)
  fs.mkdirSync(path.join(root, 'usb-full'));
  const [c0, r0] = await Promise.all([
    runCli(['create', '--to', path.join(root, 'usb-full'), '--data-dir', freshDataDir('new')]),
    runCli(['restore', goodBackup, '--data-dir', freshDataDir('new'), '--yes']),
  ]);
  const fullCreate = c0.ms;
  const fullRestore = r0.ms;
  let seed = 20250601;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const seen = { create: new Set<string>(), restore: new Set<string>() };
  inside.create = 0;
  inside.restore = 0;
  for (let i = 0; i < RANDOM_RUNS; i++) {
    // One create and one restore at a time, side by side (two cores). Kills fall in the
    // last 70% of a run and a little past it: the first part is process start-up.
    const [c, r] = await Promise.all([
      crashCreate({ killAfterMs: Math.floor((0.3 + 0.8 * random()) * fullCreate) }),
      crashRestore({ killAfterMs: Math.floor((0.3 + 0.8 * random()) * fullRestore) }),
    ]);
    seen.create.add(c);
    seen.restore.add(r);
  }
  console.log(
    `[crash] ${RANDOM_RUNS} runs each; kills inside: create ${inside.create}, restore ${inside.restore}; create ${fullCreate} ms → outcomes ${[...seen.create].join(', ')}; restore ${fullRestore} ms → ${[...seen.restore].join(', ')}`,
  );
  // Every run above already asserted integrity_check ok and all-or-nothing; this asserts the kills tested something.
  assert.ok(
    inside.create >= Math.ceil(RANDOM_RUNS * INSIDE_SHARE),
    `only ${inside.create} of ${RANDOM_RUNS} create kills landed inside the operation`,
  );
  assert.ok(
    inside.restore >= Math.ceil(RANDOM_RUNS * INSIDE_SHARE),
    `only ${inside.restore} of ${RANDOM_RUNS} restore kills landed inside the operation`,
  );
});

/** A data folder with `count` replies reviewed and ready to 签发 (one person, one request each). */
async function replyReadyDataDir(count: number): Promise<string> {
  const dir = path.join(root, `issue-${++n}`);
  const host = createCoreHost({ dataDir: dir, shell: 'browser', version: 't', scheduleBackups: false });
  try {
    const call = async (channel: string, input: unknown, session: string | null = null) => {
      const env = await host.invoke(channel, input, session);
      if (!env.ok) throw new Error(`${channel}: ${env.error.message}`);
      return env.value as { id: string; rev: number; sessionId: string };
    };
    await call('setup.initialize', SETUP_INPUT);
    const s = (await call('auth.login', ADMIN)).sessionId;
    await call('opinionSettings.update', { dueWorkingDays: 3, checkSections: [], holidays: [], workingWeekendDays: [] }, s);
    const unit = await call('units.create', { name: '市财政局' }, s);
    const person = await call('people.create', { name: '张三', unitId: unit.id, politicalStatus: '中共党员', birthMonth: '1980-01' }, s);
    for (let i = 0; i < count; i++) {
      const request = await call(
        'opinionRequests.create',
        { requester: '市委组织部', title: `第${i + 1}件`, receivedDate: '2025-12-01', purpose: '提拔', persons: [{ personId: person.id }] },
        s,
      );
      const reply = await call('opinionReplies.create', { requestId: request.id, replyDate: '2025-12-02' }, s);
      await call('opinionReplies.review', { id: reply.id, rev: reply.rev }, s);
    }
  } finally {
    host.close();
  }
  return dir;
}

/**
 * Runs the issuing child. With `killAfterMs`, the kill is timed from its "issuing" line
 * (the work itself), not from process start-up. `ms` is then the issuing time.
 */
function issueChild(dataDir: string, killAfterMs?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(__dirname, 'crashIssuer.ts'), dataDir, ADMIN.username, ADMIN.password],
      {
        cwd: repo,
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    let began = 0;
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
      if (!began && stderr.includes('issuing')) {
        began = Date.now();
        if (killAfterMs !== undefined) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, ms: began ? Date.now() - began : 0, stderr });
    });
  });
}

const ISSUE_RUNS = Math.max(3, Math.ceil(RANDOM_RUNS / 2));

test(`issuing replies killed at random moments: numbers without gaps or duplicates, each reply wholly issued or not (${ISSUE_RUNS} runs)`, async () => {
  const COUNT = 60;
  const template = await replyReadyDataDir(COUNT);
  fs.cpSync(template, path.join(root, 'issue-full'), { recursive: true });
  const full = await issueChild(path.join(root, 'issue-full'));
  assert.equal(full.code, 0, full.stderr);
  let seed = 20261206;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let killedInside = 0;
  for (let i = 0; i < ISSUE_RUNS; i++) {
    const dir = path.join(root, `issue-run-${i}`);
    fs.cpSync(template, dir, { recursive: true });
    const run = await issueChild(dir, Math.floor((0.05 + 0.85 * random()) * full.ms));
    assert.ok(run.signal === 'SIGKILL' || run.code === 0, run.stderr);
    if (run.signal === 'SIGKILL' && /issuing/.test(run.stderr) && !/issued all/.test(run.stderr)) killedInside++;
    // What the next start finds: integrity, then the numbers.
    integrityOk(path.join(dir, 'qinglian.sqlite'));
    const host = createCoreHost({ dataDir: dir, shell: 'browser', version: 't', scheduleBackups: false });
    try {
      const rows = host.db.prepare('SELECT status, doc_number AS docNumber FROM opinion_replies').all() as {
        status: string;
        docNumber: string | null;
      }[];
      assert.equal(rows.length, COUNT);
      for (const r of rows)
        assert.equal(r.status === 'issued', r.docNumber !== null, `wholly issued (with its number) or not: ${JSON.stringify(r)}`);
      const numbers = rows
        .filter((r) => r.status === 'issued')
        .map((r) => Number(/(\d+)号$/.exec(r.docNumber!)![1]))
        .sort((a, b) => a - b);
      assert.deepEqual(
        numbers,
        Array.from({ length: numbers.length }, (_, k) => k + 1),
        'numbers 1..k: no gap, no duplicate',
      );
      assert.equal(rows.filter((r) => r.status === 'reviewed').length, COUNT - numbers.length);
    } finally {
      host.close();
    }
  }
  console.log(`[crash] issuing: ${ISSUE_RUNS} runs, ${killedInside} killed inside the issuing (uninterrupted issuing ${full.ms} ms)`);
  assert.ok(killedInside >= Math.ceil(ISSUE_RUNS * INSIDE_SHARE), `only ${killedInside} of ${ISSUE_RUNS} kills landed inside the issuing`);
});
