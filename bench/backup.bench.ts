/**
 * backup.*: create (snapshot + encrypt + fsync + read-back verification + quick_check),
 * verify and restore of a 100 MiB database (8 MiB and one run each with --quick), through
 * the app's own path (the host's open connection), against the same database file
 * encrypted and decrypted by `gpg --symmetric --cipher-algo AES256`, by `age` with a
 * recipient key, and by `age -p` (passphrase; it needs a terminal: `script` gives it one).
 * A baseline line is skipped when the tool is missing.
 *
 * Target (issue #6): our create+verify faster than each tool's encrypt+decrypt (added up
 * round by round; five rounds with ours and theirs taking turns). Like is
 * compared with like: a passphrase backup (scrypt 2^17, as the clerk's manual backups)
 * against gpg and age -p, which also stretch a passphrase; a stored-key backup (as the
 * automatic backups: the key-encryption key is kept, no KDF per backup) against age with
 * a recipient key (its identity file is a stored key: no KDF either).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createBackup } from '../core/backup/create';
import { deriveKek } from '../core/backup/crypto';
import { DEFAULT_KDF } from '../core/backup/format';
import { backupPaths, fileOwner, restoreBackup, verifyBackup } from '../core/backup/restore';
import { openDatabase, type Db } from '../db/open';
import { tempDir } from '../db/testing';
import { emit } from './stats';

const PASSPHRASE = 'Bench-passphrase-清廉台账-2025';

/** Seeds in a child process: the measuring process starts as an app does (see seed/backupDatabase.ts). */
function seed(file: string, bytes: number): void {
  execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'seed', 'backupDatabase.ts'), file, String(bytes)], {
    stdio: 'inherit',
  });
}

function has(tool: string): boolean {
  return spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
}

let reps = 3;

/** Fastest and median of some timed runs. */
interface Timing {
  best: number;
  median: number;
}

function timing(samples: number[]): Timing {
  const sorted = [...samples].sort((x, y) => x - y);
  return { best: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]! };
}

/** `reps` timed runs of one job, in seconds. */
async function samplesOf(job: () => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    await job();
    samples.push((performance.now() - start) / 1000);
  }
  return samples;
}

/**
 * Runs every job once per round, `reps` rounds, the jobs one after another within a
 * round: ours and the baselines take turns, so a busy spell of the shared machine falls
 * on both rather than on whichever ran then. Seconds per job and round.
 */
async function rounds(jobs: Record<string, () => unknown>): Promise<Record<string, number[]>> {
  const samples: Record<string, number[]> = Object.fromEntries(Object.keys(jobs).map((k) => [k, []]));
  for (let i = 0; i < reps; i++) {
    for (const [name, job] of Object.entries(jobs)) {
      const start = performance.now();
      await job();
      samples[name]!.push((performance.now() - start) / 1000);
    }
  }
  return samples;
}

export async function run({ quick }: { quick: boolean }): Promise<void> {
  const target = (quick ? 8 : 100) * 1024 * 1024;
  reps = quick ? 1 : 5;
  const { dir, cleanup } = tempDir('qinglian-bench-backup-');
  try {
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    const dbFile = path.join(dataDir, 'qinglian.sqlite');
    seed(dbFile, target);
    const size = fs.statSync(dbFile).size;
    const mb = size / 1024 / 1024;
    const usb = path.join(dir, 'usb');
    fs.mkdirSync(usb);
    const common = { databaseMiB: Math.round(mb), kdf: 'scrypt N=2^17 r=8 p=1', runs: reps, load: Number(os.loadavg()[0]!.toFixed(1)) };

    // The app's path: the host's open connection (warm, as a running app has it).
    let live: Db = openDatabase(dbFile).db;
    live.prepare('SELECT count(*) FROM settings').get();
    fs.readFileSync(dbFile);
    const workDir = backupPaths(dataDir).workDir;
    let file = '';
    const salt = randomBytes(32);
    const kek = await deriveKek(PASSPHRASE, salt, DEFAULT_KDF);
    const jobs: Record<string, () => unknown> = {
      createStoredKey: () =>
        createBackup({
          source: { db: live, databaseFile: dbFile },
          targetDir: usb,
          key: { kek, salt, kdf: DEFAULT_KDF },
          kind: 'automatic',
          prefix: 'qinglian-auto',
          appVersion: 'bench',
          workDir,
        }),
      create: async () => {
        file = (
          await createBackup({
            source: { db: live, databaseFile: dbFile },
            targetDir: usb,
            key: { passphrase: PASSPHRASE },
            kind: 'manual',
            appVersion: 'bench',
            workDir,
          })
        ).file;
      },
    };

    // Baselines: the same database file, encrypt then decrypt.
    const passFile = path.join(dir, 'pass.txt');
    fs.writeFileSync(passFile, PASSPHRASE);
    if (has('gpg')) {
      const home = path.join(dir, 'gnupg');
      fs.mkdirSync(home, { mode: 0o700 });
      const gpg = (args: string[]) =>
        execFileSync(
          'gpg',
          ['--homedir', home, '--batch', '--yes', '--quiet', '--pinentry-mode', 'loopback', '--passphrase-file', passFile, ...args],
          { stdio: 'ignore' },
        );
      jobs['gpg.encrypt'] = () => gpg(['--symmetric', '--cipher-algo', 'AES256', '-o', path.join(dir, 'db.gpg'), dbFile]);
      jobs['gpg.decrypt'] = () => gpg(['--decrypt', '-o', path.join(dir, 'db.from-gpg'), path.join(dir, 'db.gpg')]);
    }
    if (has('age') && has('age-keygen')) {
      const key = path.join(dir, 'age.key');
      execFileSync('age-keygen', ['-o', key], { stdio: 'ignore' });
      const recipient =
        /public key: (\S+)/.exec(fs.readFileSync(key, 'utf8'))?.[1] ?? execFileSync('age-keygen', ['-y', key], { encoding: 'utf8' }).trim();
      jobs['age.encrypt'] = () => execFileSync('age', ['-r', recipient, '-o', path.join(dir, 'db.age'), dbFile], { stdio: 'ignore' });
      jobs['age.decrypt'] = () =>
        execFileSync('age', ['-d', '-i', key, '-o', path.join(dir, 'db.from-age'), path.join(dir, 'db.age')], { stdio: 'ignore' });
    }
    // age's passphrase mode (scrypt, like ours) reads the passphrase from a terminal:
    // util-linux `script` gives it one and feeds it from stdin.
    if (has('age') && has('script')) {
      const quote = (f: string) => `'${f.replace(/'/g, "'\\''")}'`;
      const viaTty = (command: string, answers: string) =>
        execFileSync('script', ['-qec', command, '/dev/null'], { input: answers, stdio: ['pipe', 'ignore', 'ignore'] });
      const encFile = path.join(dir, 'db.pass.age');
      jobs['agePassphrase.encrypt'] = () => viaTty(`age -p -o ${quote(encFile)} ${quote(dbFile)}`, `${PASSPHRASE}\n${PASSPHRASE}\n`);
      jobs['agePassphrase.decrypt'] = () =>
        viaTty(`age -d -o ${quote(path.join(dir, 'db.from-age-p'))} ${quote(encFile)}`, `${PASSPHRASE}\n`);
    }
    const t = await rounds(jobs);
    const line = (name: string, x: Timing, extra: Record<string, unknown> = {}) =>
      emit({ name, value: x.best, unit: 's', median: Number(x.median.toFixed(3)), ...extra, ...common });

    // A tool's encrypt + decrypt is added up round by round (the fastest round, and the
    // median round), not as the sum of two separate fastest runs, which would flatter it.
    const baselines: Record<string, Timing> = {};
    for (const tool of ['gpg', 'age', 'agePassphrase']) {
      const enc = t[`${tool}.encrypt`];
      const dec = t[`${tool}.decrypt`];
      if (!enc || !dec) continue;
      if (tool === 'agePassphrase' && !fs.existsSync(path.join(dir, 'db.from-age-p'))) continue;
      baselines[tool] = timing(enc.map((e, i) => e + dec[i]!));
      line(`backup.baseline.${tool}.encrypt`, timing(enc));
      line(`backup.baseline.${tool}.decrypt`, timing(dec));
      line(`backup.baseline.${tool}.encryptDecrypt`, baselines[tool]);
    }

    const verify = timing(
      await samplesOf(() => verifyBackup({ file, key: { passphrase: PASSPHRASE }, workDir: path.join(dir, 'verify') })),
    );
    const restore = timing(
      await samplesOf(async () => {
        live.close();
        await restoreBackup({ file, key: { passphrase: PASSPHRASE }, dataDir, databaseFile: dbFile, owner: fileOwner(dbFile) });
        live = openDatabase(dbFile).db;
      }),
    );
    live.close();
    const create = timing(t.create!);
    const createKeyed = timing(t.createStoredKey!);
    line('backup.create.seconds', create);
    emit({ name: 'backup.create.rate', value: mb / create.best, unit: 'MB/s', ...common });
    line('backup.createStoredKey.seconds', createKeyed);
    emit({ name: 'backup.createStoredKey.rate', value: mb / createKeyed.best, unit: 'MB/s', ...common });
    line('backup.verify.seconds', verify);
    emit({ name: 'backup.verify.rate', value: mb / verify.best, unit: 'MB/s', ...common });
    line('backup.restore.seconds', restore);
    emit({ name: 'backup.restore.rate', value: mb / restore.best, unit: 'MB/s', ...common });
    const kdf = timing(await samplesOf(() => deriveKek(PASSPHRASE, randomBytes(32), DEFAULT_KDF)));
    line('backup.kdf.seconds', kdf);
    // "create+verify": a backup that exists and was read back and checked (our create includes that
    // read-back) against a tool's encrypt + decrypt of the same file. Like with like (see the top).
    const compare = (name: string, ours: Timing, tool: string, mode: string) => {
      const b = baselines[tool];
      if (b === undefined) return;
      const medianRatio = Number((b.median / ours.median).toFixed(3));
      emit({
        name,
        value: ours.best,
        unit: 's',
        baseline: b.best,
        ratio: b.best / ours.best,
        medianRatio,
        target: '< baseline',
        mode,
        ...common,
      });
    };
    compare('backup.createVerify.vs.gpg', create, 'gpg', 'passphrase (scrypt 2^17) vs gpg passphrase');
    compare('backup.createVerify.vs.agePassphrase', create, 'agePassphrase', 'passphrase (scrypt 2^17) vs age -p');
    compare('backup.createVerify.vs.age', createKeyed, 'age', 'stored key vs age recipient key');
    // For the record, not like with like: the passphrase backup against age's recipient mode (the KDF alone is backup.kdf).
    if (baselines.age !== undefined)
      emit({
        name: 'backup.createVerify.passphrase.vs.age',
        value: create.best,
        unit: 's',
        baseline: baselines.age.best,
        ratio: baselines.age.best / create.best,
        ...common,
      });
    emit({ name: 'backup.createThenVerify.seconds', value: create.best + verify.best, unit: 's', ...common });
  } finally {
    cleanup();
  }
}
