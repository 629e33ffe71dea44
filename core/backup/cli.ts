/**
 * The IT staff's command line: `backup create | verify | restore | list`. The passphrase
 * comes from a file or standard input, never from the command line (it would show in
 * the process list and the shell history). Runs without the app (restore refuses while
 * the app has the database open).
 *
 * Exit codes (docs/backup-format.md):
 *   0 success                      5 backup from a newer app version
 *   1 unexpected error             6 target not writable (space, read-only, FAT32 4 GiB)
 *   2 usage error                  7 database in use (the app is running) / another job
 *   3 wrong passphrase             8 cancelled (Ctrl+C, SIGTERM, SIGHUP)
 *   4 backup not a backup/damaged  9 the live database is damaged or unreadable (create;
 *                                    restore instead moves it aside and proceeds)
 */
import fs from 'node:fs';
import path from 'node:path';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import { acquireDataDirLock, DataDirLockedError, type DataDirLock } from '../../db/lock';
import { DbOpenError } from '../../db/open';
import { resolveDataDir } from '../config/dataDir';
import { AppError } from '../errors';
import { createBackup } from './create';
import { readBackupHeader } from './read';
import { backupPaths, fileOwner, recoverInterruptedRestore, restoreBackup, verifyBackup } from './restore';
import { kdfForNewBackups, manifestView } from './settings';
import { passphraseProblem } from './strength';

export const EXIT = {
  OK: 0,
  INTERNAL: 1,
  USAGE: 2,
  BAD_PASSPHRASE: 3,
  CORRUPT: 4,
  FROM_FUTURE: 5,
  UNWRITABLE: 6,
  BUSY: 7,
  CANCELLED: 8,
  DB: 9,
} as const;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** All of standard input (for --passphrase-stdin). */
  readStdin(): Promise<string>;
  env: NodeJS.ProcessEnv;
  version: string;
  nativeBinding?: string;
  signal?: AbortSignal;
}

const USAGE = `用法 / usage:
  backup create  --to <文件夹> [--data-dir <数据文件夹>] (--passphrase-file <文件> | --passphrase-stdin)
  backup verify  <备份文件> (--passphrase-file <文件> | --passphrase-stdin)
  backup restore <备份文件> [--data-dir <数据文件夹>] (--passphrase-file <文件> | --passphrase-stdin) --yes
  backup info    <备份文件>          (只读文件头，不需要口令)
口令只能来自文件（第一行）或标准输入，不能写在命令行上。
退出码：0 成功 1 意外错误 2 用法错误 3 口令错误 4 文件不是备份或已损坏 5 备份来自更新版本
        6 目标不可写（空间不足、只读、超过 FAT32 4GB） 7 数据文件正被使用（程序正在运行） 8 已取消
        9 当前数据文件已损坏或无法打开（恢复时会把它原样移到一边后继续）`;

function exitCodeOf(error: unknown): number {
  if (error instanceof DbOpenError) return EXIT.DB;
  if (error instanceof DataDirLockedError) return EXIT.BUSY;
  if (!(error instanceof AppError)) return EXIT.INTERNAL;
  switch (error.code) {
    case 'BAD_PASSPHRASE':
      return EXIT.BAD_PASSPHRASE;
    case 'NOT_A_BACKUP':
    case 'BACKUP_CORRUPT':
    case 'BACKUP_UNSUPPORTED':
    case 'NOT_FOUND':
      return EXIT.CORRUPT;
    case 'BACKUP_FROM_FUTURE':
    case 'DB_FROM_FUTURE':
      return EXIT.FROM_FUTURE;
    case 'TARGET_UNWRITABLE':
      return EXIT.UNWRITABLE;
    case 'BUSY':
      return EXIT.BUSY;
    case 'DB_UNREADABLE':
    case 'DB_NOT_OURS':
      return EXIT.DB;
    case 'CANCELLED':
      return EXIT.CANCELLED;
    case 'VALIDATION':
      return EXIT.USAGE;
    default:
      return EXIT.INTERNAL;
  }
}

class UsageError extends Error {}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const v = args[i + 1];
  if (!v || v.startsWith('--')) throw new UsageError(`${name} 后面需要一个值。`);
  return v;
}

async function passphraseFrom(args: string[], io: CliIo): Promise<string> {
  if (args.some((a) => a === '--passphrase' || a.startsWith('--passphrase='))) {
    throw new UsageError('出于安全考虑，口令不能写在命令行上：请用 --passphrase-file <文件> 或 --passphrase-stdin。');
  }
  const file = option(args, '--passphrase-file');
  let text: string;
  if (file) text = fs.readFileSync(file, 'utf8').split(/\r?\n/)[0] ?? '';
  else if (args.includes('--passphrase-stdin')) text = (await io.readStdin()).replace(/\r?\n$/, '');
  else throw new UsageError('需要口令：--passphrase-file <文件> 或 --passphrase-stdin。');
  if (!text) throw new UsageError('口令为空。');
  return text.replace(/^\uFEFF/, '');
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [area, command, ...rest] = argv;
  try {
    if (area !== 'backup' || !command || command === 'help' || command === '--help') {
      io.stderr(USAGE + '\n');
      return area === 'backup' && (command === 'help' || command === '--help') ? EXIT.OK : EXIT.USAGE;
    }
    const positional = rest.filter(
      (a, i) => !a.startsWith('--') && !(i > 0 && ['--to', '--data-dir', '--passphrase-file'].includes(rest[i - 1]!)),
    );
    const dataDirArgs = rest.includes('--data-dir') || rest.some((a) => a.startsWith('--data-dir=')) ? rest : [];
    const dataDir = resolveDataDir(dataDirArgs, io.env);
    const databaseFile = path.join(dataDir, 'qinglian.sqlite');
    const progress = (label: string) => {
      let last = -1;
      return ({ fraction }: { fraction: number }) => {
        const pct = Math.floor(fraction * 10) * 10;
        if (pct !== last) {
          last = pct;
          io.stderr(`${label} ${pct}%\n`);
        }
      };
    };
    switch (command) {
      case 'create': {
        const to = option(rest, '--to');
        if (!to) throw new UsageError('需要 --to <文件夹>。');
        const passphrase = await passphraseFrom(rest, io);
        const problem = passphraseProblem(passphrase);
        if (problem) throw new UsageError(problem);
        if (!fs.existsSync(databaseFile)) throw new AppError('NOT_FOUND', `数据文件 ${databaseFile} 不存在。`);
        // A backup only reads, through SQLite, so it may run beside the app. Only when no
        // app holds the folder is an interrupted restore finished first (that moves files).
        let lock: DataDirLock | null = null;
        try {
          lock = acquireDataDirLock(dataDir, { holder: 'cli', ...(io.nativeBinding ? { nativeBinding: io.nativeBinding } : {}) });
          recoverInterruptedRestore(dataDir, databaseFile);
        } catch (error) {
          if (!(error instanceof DataDirLockedError)) throw error;
        }
        const r = await createBackup({
          source: { databaseFile, ...(io.nativeBinding ? { nativeBinding: io.nativeBinding } : {}) },
          targetDir: path.resolve(to),
          key: { passphrase },
          kdf: kdfForNewBackups(),
          kind: 'manual',
          appVersion: io.version,
          createdBy: '命令行',
          workDir: backupPaths(dataDir).workDir,
          onProgress: progress('备份'),
          ...(io.signal ? { signal: io.signal } : {}),
        }).finally(() => lock?.release());
        io.stdout(`${r.file}\n`);
        io.stderr(
          r.readBack === 'device'
            ? `备份完成：${r.file}（${mb(r.size)}），已在数据写入磁盘后绕过系统缓存从磁盘读回校验无误。\n`
            : `备份完成：${r.file}（${mb(r.size)}），已写入并同步到磁盘。本系统无法绕过缓存读回，读回校验可能读的是内存中的副本；请拔出并重新插入 U 盘后运行 backup verify 确认。\n`,
        );
        return EXIT.OK;
      }
      case 'verify': {
        const file = positional[0];
        if (!file) throw new UsageError('需要备份文件路径。');
        const passphrase = await passphraseFrom(rest, io);
        // The decrypted copy goes into the data folder's work folder (0700, file 0600), never
        // the system temp folder: a copy left by a kill is private and swept at the next start.
        const r = await verifyBackup({
          file: path.resolve(file),
          key: { passphrase },
          workDir: backupPaths(dataDir).workDir,
          onProgress: progress('检查'),
          ...(io.nativeBinding ? { nativeBinding: io.nativeBinding } : {}),
          ...(io.signal ? { signal: io.signal } : {}),
        });
        io.stdout(JSON.stringify({ ok: true, file: r.file, size: r.size, manifest: manifestView(r.manifest) }, null, 2) + '\n');
        io.stderr(
          `备份完好：${r.file}，创建于 ${r.manifest.createdAt}，程序版本 ${r.manifest.appVersion}，数据版本 ${r.manifest.schemaVersion}\n`,
        );
        return EXIT.OK;
      }
      case 'restore': {
        const file = positional[0];
        if (!file) throw new UsageError('需要备份文件路径。');
        if (!rest.includes('--yes')) throw new UsageError('恢复会用备份替换当前数据（当前数据会另存为恢复前副本）。确认请加 --yes。');
        const passphrase = await passphraseFrom(rest, io);
        // Refused (exit 7) while the app or another restore uses the folder; held to the end.
        const lock = acquireDataDirLock(dataDir, { holder: 'cli', ...(io.nativeBinding ? { nativeBinding: io.nativeBinding } : {}) });
        try {
          const recovered = recoverInterruptedRestore(dataDir, databaseFile);
          if (recovered) io.stderr(`上次中断的恢复已处理：${recovered.outcome}\n`);
          const r = await restoreBackup({
            file: path.resolve(file),
            key: { passphrase },
            dataDir,
            databaseFile,
            owner: fileOwner(databaseFile, io.nativeBinding),
            latestSchemaVersion: LATEST_SCHEMA_VERSION,
            onProgress: progress('恢复'),
            ...(io.nativeBinding ? { nativeBinding: io.nativeBinding } : {}),
            ...(io.signal ? { signal: io.signal } : {}),
          });
          io.stdout(
            JSON.stringify(
              {
                ok: true,
                restored: r.backupFile,
                preRestoreFile: r.preRestoreFile,
                replacedDamaged: r.replacedDamaged,
                manifest: manifestView(r.manifest),
              },
              null,
              2,
            ) + '\n',
          );
          if (r.replacedDamaged) io.stderr(`原数据文件已损坏，无法读取；已原样移到 ${r.preRestoreFile}（保留，未删除）。\n`);
          io.stderr(`恢复完成：数据已恢复到 ${r.manifest.createdAt} 的备份。原数据另存为 ${r.preRestoreFile ?? '（原先没有数据文件）'}\n`);
          return EXIT.OK;
        } finally {
          lock.release();
        }
      }
      case 'info': {
        const file = positional[0];
        if (!file) throw new UsageError('需要备份文件路径。');
        const { header, size } = await readBackupHeader(path.resolve(file));
        io.stdout(
          JSON.stringify(
            {
              file: path.resolve(file),
              size,
              formatVersion: header.version,
              createdAt: header.createdAt.toISOString(),
              automatic: (header.flags & 1) === 1,
              kdf: { name: 'scrypt', N: 2 ** header.logN, r: header.r, p: header.p },
            },
            null,
            2,
          ) + '\n',
        );
        return EXIT.OK;
      }
      default:
        throw new UsageError(`不认识的命令 ${command}。`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}\n`);
      return EXIT.USAGE;
    }
    const message =
      error instanceof AppError || error instanceof DbOpenError || error instanceof DataDirLockedError
        ? error.message
        : `意外错误：${(error as Error)?.stack ?? String(error)}`;
    io.stderr(`失败：${message}\n`);
    return exitCodeOf(error);
  }
}
