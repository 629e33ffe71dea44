/** File-system helpers for backups: durable writes, free space, the FAT32 limit, error messages. */
import fs from 'node:fs';
import path from 'node:path';
import { backupError } from './errors';
import type { AppError } from '../errors';
import { testHooks } from '../config/testHooks';

/** fsync a folder so a rename in it survives a power cut (not possible on Windows: ignored there). */
export async function fsyncDir(dir: string): Promise<void> {
  let fh: fs.promises.FileHandle | undefined;
  try {
    fh = await fs.promises.open(dir, 'r');
    await fh.sync();
  } catch {
    // Windows cannot open a folder for fsync; NTFS journals the rename itself.
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

export function fsyncDirSync(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // see fsyncDir
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Writes a small file atomically (temp + fsync + rename + fsync folder). */
export function writeFileAtomicSync(file: string, data: string, mode = 0o600): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w', mode);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
  fsyncDirSync(path.dirname(file));
}

export async function removeQuietly(file: string): Promise<void> {
  await fs.promises.rm(file, { force: true }).catch(() => undefined);
}

export interface SpaceInfo {
  free: number;
  /** statfs f_type; 0x4d44 is FAT (vfat) on Linux. */
  type: number;
}

export async function spaceOf(dir: string): Promise<SpaceInfo | null> {
  try {
    const s = await fs.promises.statfs(dir);
    return { free: s.bavail * s.bsize, type: s.type };
  } catch {
    return null;
  }
}

export const FAT32_MAX_FILE = 2 ** 32 - 1;
const MSDOS_SUPER_MAGIC = 0x4d44;

/**
 * Refuses a backup the target cannot hold: not enough free space (with 1 MiB to spare),
 * or over 4 GiB on a FAT32 stick (or where the file system cannot be told: Windows).
 */
export function checkCapacity(bytes: number, space: SpaceInfo | null, platform: NodeJS.Platform = process.platform): AppError | null {
  const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  if (space && space.free < bytes + 1024 * 1024) {
    return backupError(
      'TARGET_UNWRITABLE',
      `目标位置空间不足：备份约需 ${mib(bytes)}，剩余只有 ${mib(space.free)}。请换用空间更大的位置（如另一个 U 盘）。`,
    );
  }
  const fatOrUnknown = !space || space.type === MSDOS_SUPER_MAGIC || platform === 'win32';
  if (bytes > FAT32_MAX_FILE && fatOrUnknown) {
    return backupError(
      'TARGET_UNWRITABLE',
      `备份约需 ${mib(bytes)}，超过 FAT32 格式 U 盘单个文件 4 GB 的上限。请使用 exFAT 或 NTFS 格式的移动硬盘。`,
    );
  }
  return null;
}

/** A Chinese message for a file-system error while writing to `where`. */
export function writeFailure(error: unknown, where: string): AppError {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return backupError('TARGET_UNWRITABLE', `写入 ${where} 时磁盘空间已满，备份未完成，已删除未写完的文件。请换用空间更大的位置。`);
    case 'EROFS':
      return backupError('TARGET_UNWRITABLE', `${where} 是只读的（U 盘可能开了写保护），无法写入备份。`);
    case 'EACCES':
    case 'EPERM':
      return backupError('TARGET_UNWRITABLE', `没有权限写入 ${where}，请换一个文件夹。`);
    case 'ENOENT':
    case 'ENOTDIR':
      return backupError('TARGET_UNWRITABLE', `文件夹 ${where} 不存在（U 盘可能已拔出）。`);
    case 'EIO':
      return backupError('TARGET_UNWRITABLE', `写入 ${where} 时发生读写错误（U 盘可能已拔出或损坏），备份未完成。`);
    default:
      return backupError('TARGET_UNWRITABLE', `写入 ${where} 失败（${code ?? (error as Error)?.message ?? '未知错误'}），备份未完成。`);
  }
}

/** `-wal`, `-shm`, `-journal` files beside a database path that exist right now. */
export function sidecarsOf(dbFile: string): string[] {
  return ['-wal', '-shm', '-journal'].map((s) => dbFile + s).filter((f) => fs.existsSync(f));
}

/**
 * Test hook (core/config/testHooks.ts, never the environment): `backupCrashAt = <point>`
 * kills this process with SIGKILL at that point; `<point>@SIGTERM` (or `@SIGHUP`) sends
 * that signal instead (crash tests only).
 */
export function crashPoint(name: string): void {
  const [point, signal] = (testHooks().backupCrashAt ?? '').split('@');
  if (point === name) process.kill(process.pid, (signal as NodeJS.Signals | undefined) ?? 'SIGKILL');
}

export function utcStamp(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

/** Local date and time for file names: 20250314-093005. */
export function localStamp(d: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${d.getFullYear()}${p(d.getMonth() + 1)}${p(d.getDate())}-${p(d.getHours())}${p(d.getMinutes())}${p(d.getSeconds())}`;
}
