/**
 * Which automatic backups to keep: grandfather-father-son. The newest backup of each of
 * the last `daily` days that have one, of each of the last `weekly` ISO weeks, and of
 * each of the last `monthly` months (local time), plus always the newest of all.
 * Only backups this installation wrote and recorded take part (rotateOwn below); manual
 * backups and every file we cannot prove is ours are never touched.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { BACKUP_EXTENSION, HEADER_LENGTH } from './format';
import type { keepPolicySchema } from './contract';
import { updateState } from './auto';

export type KeepPolicy = z.infer<typeof keepPolicySchema>;

export interface Dated {
  file: string;
  createdAt: Date;
}

const p2 = (n: number) => String(n).padStart(2, '0');
const dayKey = (d: Date) => `${d.getFullYear()}-${p2(d.getMonth() + 1)}-${p2(d.getDate())}`;
const monthKey = (d: Date) => `${d.getFullYear()}-${p2(d.getMonth() + 1)}`;
function weekKey(d: Date): string {
  // ISO week: the Thursday of this week decides the year.
  const t = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  const day = (t.getDay() + 6) % 7; // Monday = 0
  t.setDate(t.getDate() - day + 3);
  const firstThursday = new Date(t.getFullYear(), 0, 4);
  const week = 1 + Math.round(((t.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getDay() + 6) % 7)) / 7);
  return `${t.getFullYear()}-W${p2(week)}`;
}

export function selectToKeep<T extends Dated>(backups: readonly T[], policy: KeepPolicy): { keep: T[]; remove: T[] } {
  const sorted = [...backups].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const keep = new Set<T>();
  if (sorted[0]) keep.add(sorted[0]);
  const bucket = (key: (d: Date) => string, count: number) => {
    const seen = new Set<string>();
    for (const b of sorted) {
      if (seen.size >= count) break;
      const k = key(b.createdAt);
      if (seen.has(k)) continue;
      seen.add(k);
      keep.add(b);
    }
  };
  bucket(dayKey, policy.daily);
  bucket(weekKey, policy.weekly);
  bucket(monthKey, policy.monthly);
  return { keep: sorted.filter((b) => keep.has(b)), remove: sorted.filter((b) => !keep.has(b)) };
}

export { weekKey as isoWeekKey };

/**
 * What this installation wrote: one record per automatic backup that was written, read
 * back and verified, kept in the state file in the data folder (it survives a restore,
 * which replaces the database). Rotation deletes only files it can match to a record.
 */
export interface WrittenRecord {
  file: string;
  backupId: string;
  size: number;
  /** SHA-256 of the file's header (the random salt, nonces, wrapped key and keyed MAC make it unique to that file). */
  headerSha256: string;
  /** Our clock when we wrote it (never the header's date, which anyone can write). */
  createdAt: string;
}

/** A file in the folder that rotation did not delete, and why it is not ours to delete. */
export interface LeftAlone {
  name: string;
  reason: string;
}

export interface RotationResult {
  removed: string[];
  leftAlone: LeftAlone[];
  /** Records whose files are gone (deleted or moved by someone): dropped. */
  records: WrittenRecord[];
}

export const headerSha256 = (header: Buffer) => createHash('sha256').update(header).digest('hex');

/** Is `file` on disk the very file `record` describes? A reason when not. Reads the header only. */
async function matchesRecord(file: string, record: WrittenRecord): Promise<string | null> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.lstat(file);
  } catch {
    return '无法读取';
  }
  if (!stat.isFile()) return '不是普通文件';
  if (stat.size !== record.size) return '大小与本机写入时不同（可能被改动或替换）';
  let fh: fs.promises.FileHandle | undefined;
  try {
    fh = await fs.promises.open(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    const raw = Buffer.alloc(HEADER_LENGTH);
    const { bytesRead } = await fh.read(raw, 0, HEADER_LENGTH, 0);
    if (bytesRead !== HEADER_LENGTH || headerSha256(raw) !== record.headerSha256) return '文件头与本机写入时不同（可能被改动或替换）';
    return null;
  } catch {
    return '无法读取';
  } finally {
    await fh?.close().catch(() => undefined);
  }
}

/**
 * Rotation of the automatic folder. Candidates are only the files this installation
 * recorded, each checked to be that file (regular file, same size, same header hash).
 * The header's date and flag are never trusted: a file we did not record is not ours
 * (another PC's, a forgery, a copy) and is left alone, as are recorded files that have
 * changed. Of the candidates the policy keeps the newest (by our own clock) and one per
 * day/week/month; `protect` (the backup just written and verified) is never deleted.
 */
export async function rotateOwn(
  folder: string,
  policy: KeepPolicy,
  records: readonly WrittenRecord[],
  protect: readonly string[] = [],
): Promise<RotationResult> {
  const dir = path.resolve(folder);
  const names = await fs.promises.readdir(dir);
  const mine = new Map(records.filter((r) => path.dirname(path.resolve(r.file)) === dir).map((r) => [path.basename(r.file), r]));
  const leftAlone: LeftAlone[] = [];
  const candidates: (Dated & { record: WrittenRecord })[] = [];
  for (const name of names.sort()) {
    const record = mine.get(name);
    if (!record) {
      if (name.endsWith(BACKUP_EXTENSION) || name.endsWith(`${BACKUP_EXTENSION}.partial`))
        leftAlone.push({ name, reason: '不是本机写入的备份（其他电脑的、手动的或来历不明的文件）' });
      continue;
    }
    const file = path.join(dir, name);
    const problem = await matchesRecord(file, record);
    if (problem) leftAlone.push({ name, reason: problem });
    else candidates.push({ file, createdAt: new Date(record.createdAt), record });
  }
  const kept = new Set(protect.map((f) => path.resolve(f)));
  const { remove } = selectToKeep(candidates, policy);
  const removed: string[] = [];
  for (const r of remove) {
    if (kept.has(r.file)) continue;
    // Checked once more right before the delete: the file may have been swapped meanwhile.
    const changed = await matchesRecord(r.file, r.record);
    if (changed) {
      leftAlone.push({ name: path.basename(r.file), reason: changed });
      continue;
    }
    await fs.promises.rm(r.file, { force: true });
    removed.push(r.file);
  }
  const gone = new Set(removed);
  const remaining = records.filter((r) => {
    const f = path.resolve(r.file);
    if (gone.has(f)) return false;
    // A record whose folder is this one but whose file is no longer there is dropped.
    return path.dirname(f) !== dir || names.includes(path.basename(f));
  });
  return { removed, leftAlone, records: remaining };
}

/**
 * After an automatic backup was written and verified: rotate the automatic folder and
 * record what was removed and left alone in the state file (shown in the status). A
 * rotation that cannot run deletes nothing and does not fail the backup.
 */
export async function rotateAfterAutomatic(options: {
  dataDir: string;
  folder: string;
  policy: KeepPolicy;
  records: readonly WrittenRecord[];
  written: string;
  now: () => Date;
}): Promise<void> {
  try {
    const rotation = await rotateOwn(options.folder, options.policy, options.records, [options.written]);
    updateState(options.dataDir, (s) => {
      s.written = rotation.records;
      s.lastRotation = {
        at: options.now().toISOString(),
        removed: rotation.removed.map((f) => path.basename(f)),
        leftAlone: rotation.leftAlone,
      };
    });
  } catch (error) {
    console.error('[backup] rotation failed', error);
  }
}
