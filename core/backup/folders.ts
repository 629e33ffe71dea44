/**
 * Where backups may be looked for and written (备份位置), and the folder browser.
 *
 * Places: the removable drives plugged in now (U 盘、移动硬盘: real mount points, never
 * the home folder), and the folders the administrator allowed (设置 › 自动备份: the
 * automatic folder and the extra allowed folders). An account that is not an
 * administrator browses, verifies from and backs up to these places only: browsing
 * `{"folder":"../../"}` once listed /, /etc and /root, and verify probed whether any path
 * existed. The refusal names the rule, never whether the path exists; a path is first
 * judged as written (no file touched), then once more after following symbolic links.
 * Administrators (and the recovery page on a damaged file, where nobody can log in and
 * the person at the machine is the one who owns the data folder) browse anywhere.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../errors';
import type { BackupFileInfo, BackupListing, BackupPlaces } from './contract';
import { FLAG_AUTOMATIC } from './format';
import { readBackupHeader } from './read';

/** Who is browsing: administrators (and recovery mode) anywhere; others within `allowed` and the removable drives. */
export interface PlaceAccess {
  anywhere: boolean;
  /** Folders the administrator allowed (the automatic folder and the extra ones), as stored. */
  allowed: readonly string[];
}

export const OUTSIDE_PLACES =
  '只能使用 U 盘、移动硬盘和管理员允许的备份文件夹。请把备份放到这些位置，或请管理员在“自动备份”设置中添加允许的文件夹。';

export const NO_REMOVABLE_DRIVE = '没有发现已插入的 U 盘或移动硬盘。请插好后点“刷新”，或直接输入文件夹路径。';

/** How the machine's mounts and drives are read (tests pass their own). */
export interface DriveProbe {
  platform: NodeJS.Platform;
  user: string;
  /** Contents of /proc/self/mounts (Linux), or null where unreadable. */
  mounts(): string | null;
  /** Child folders of a folder (empty when it is missing). */
  children(dir: string): string[];
  /** Windows: the letters (E:) of drives of the removable type. */
  windowsRemovable(): Promise<string[]>;
}

export const systemDrives: DriveProbe = {
  platform: process.platform,
  user: safeUserName(),
  mounts: () => {
    try {
      return fs.readFileSync('/proc/self/mounts', 'utf8');
    } catch {
      return null;
    }
  },
  children: (dir) => {
    try {
      return fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
        .map((e) => path.join(dir, e.name));
    } catch {
      return [];
    }
  },
  windowsRemovable: () =>
    new Promise((resolve) => {
      // DriveType 2 = removable (U 盘). No window, a few seconds at most; nothing found on any failure.
      execFile(
        'powershell.exe',
        ['-NoProfile', '-NonInteractive', '-Command', '(Get-CimInstance Win32_LogicalDisk -Filter "DriveType=2").DeviceID'],
        { timeout: 5000, windowsHide: true },
        (error, stdout) =>
          resolve(
            error
              ? []
              : stdout
                  .split(/\r?\n/)
                  .filter((l) => /^[A-Z]:$/.test(l.trim()))
                  .map((l) => l.trim()),
          ),
      );
    }),
};

function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return '';
  }
}

/** /proc/mounts writes a space in a path as \040 (and tab, newline, backslash likewise). */
const unescapeMount = (p: string) => p.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));

/**
 * The mount points of removable drives plugged in now: on Linux, what is mounted under
 * /media/<user>/, /run/media/<user>/ or /media/ (desktop auto-mount, usbmount); on
 * Windows, drive letters of the removable type; on macOS, the volumes under /Volumes
 * (the boot volume is a link there and is skipped). Never the home folder.
 */
export async function removableDrives(probe: DriveProbe = systemDrives): Promise<string[]> {
  if (probe.platform === 'win32') return (await probe.windowsRemovable()).map((d) => `${d}\\`);
  if (probe.platform === 'darwin') return probe.children('/Volumes').filter((d) => !isLink(d));
  const roots = [path.join('/media', probe.user), path.join('/run/media', probe.user), '/media'].filter((r) => !r.endsWith('/'));
  const table = probe.mounts();
  if (table === null) return [...new Set(roots.flatMap((r) => probe.children(r)))].filter((d) => !roots.includes(d));
  const points = table
    .split('\n')
    .map((line) => unescapeMount(line.split(' ')[1] ?? ''))
    .filter((p) => roots.some((r) => p.startsWith(`${r}/`)) && !roots.includes(p));
  return [...new Set(points)].sort((a, b) => a.localeCompare(b, 'zh-CN'));
}

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return true;
  }
}

/** The places offered in the folder picker, and whether this account may go elsewhere. */
export async function backupPlaces(access: PlaceAccess, probe: DriveProbe = systemDrives): Promise<BackupPlaces> {
  const removable = await removableDrives(probe);
  return {
    removable,
    allowed: [...new Set(access.allowed.filter(Boolean).map((f) => path.resolve(f)))],
    anywhere: access.anywhere,
    note: removable.length ? null : NO_REMOVABLE_DRIVE,
  };
}

const within = (p: string, root: string) => {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/**
 * The path resolved, or FORBIDDEN (OUTSIDE_PLACES) when this account may not use it:
 * judged as written first (nothing on disk touched for a path outside), then after
 * following symbolic links where the path exists (a link may not lead out).
 */
export async function checkPlace(input: string, access: PlaceAccess, probe: DriveProbe = systemDrives): Promise<string> {
  const resolved = path.resolve(input);
  if (access.anywhere) return resolved;
  const roots = [...(await removableDrives(probe)), ...access.allowed.filter(Boolean).map((f) => path.resolve(f))];
  if (!roots.some((r) => within(resolved, r))) throw new AppError('FORBIDDEN', OUTSIDE_PLACES);
  let real: string;
  try {
    real = await fs.promises.realpath(resolved);
  } catch {
    return resolved; // not there (yet): the caller says so in its own words
  }
  const realRoots = await Promise.all(roots.map((r) => fs.promises.realpath(r).catch(() => r)));
  if (!realRoots.some((r) => within(real, r))) throw new AppError('FORBIDDEN', OUTSIDE_PLACES);
  return resolved;
}

/** A folder's subfolders and backup files (header only, no key), for the picker; `parent` stays within the places. */
export async function listFolder(input: string, access: PlaceAccess, probe: DriveProbe = systemDrives): Promise<BackupListing> {
  const folder = await checkPlace(input, access, probe);
  let entries: fs.Dirent[];
  try {
    entries = await fs.promises.readdir(folder, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new AppError(
      'NOT_FOUND',
      code === 'ENOTDIR'
        ? `${folder} 不是文件夹。`
        : `无法打开文件夹 ${folder}（${code === 'ENOENT' ? '不存在' : (code ?? '未知错误')}）。`,
    );
  }
  const folders = entries
    .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b, 'zh-CN'))
    .slice(0, 500);
  const backups: BackupFileInfo[] = [];
  for (const e of entries) {
    // Regular files only (a FIFO or device named *.qlbak is not opened: reading it could block).
    if (!e.isFile() || !e.name.endsWith('.qlbak')) continue;
    const file = path.join(folder, e.name);
    const info: BackupFileInfo = { file, name: e.name, size: 0, createdAt: null, automatic: false, problem: null };
    try {
      const opened = await readBackupHeader(file);
      info.size = opened.size;
      info.createdAt = opened.header.createdAt.toISOString();
      info.automatic = (opened.header.flags & FLAG_AUTOMATIC) !== 0;
    } catch (error) {
      info.problem = error instanceof AppError ? error.message : '无法读取';
      info.size = await fs.promises.stat(file).then(
        (s) => s.size,
        () => 0,
      );
    }
    backups.push(info);
  }
  backups.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || b.name.localeCompare(a.name));
  const up = path.dirname(folder);
  let parent: string | null = up === folder ? null : up;
  if (parent && !access.anywhere) parent = await checkPlace(parent, access, probe).catch(() => null);
  return { folder, parent, folders, backups };
}
