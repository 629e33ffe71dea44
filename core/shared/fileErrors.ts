/**
 * Why a file could not be written, in a clerk's words, by the system's error code (errno).
 * The one table: the shell's PDF saving uses it, and any other writer of files should too.
 */
export const FILE_ERROR_REASONS: Readonly<Record<string, string>> = {
  EEXIST: '已有同名文件，未覆盖；请重新保存并换一个文件名',
  ENOSPC: '磁盘或U盘空间不足',
  EDQUOT: '磁盘或U盘空间不足',
  EROFS: '磁盘或U盘是只读的',
  EACCES: '没有写入权限，或文件正被其他程序（如PDF阅读器）打开',
  EPERM: '没有写入权限，或文件正被其他程序（如PDF阅读器）打开',
  EBUSY: '文件正被其他程序（如PDF阅读器）打开',
  ENOENT: '文件夹不存在（U盘可能已拔出）',
  ENOTDIR: '文件夹不存在（U盘可能已拔出）',
  EIO: '读写出错（U盘可能已拔出或已损坏）',
};

/** The reason for a failed write, or "写入失败（CODE）" for a code the table does not know. */
export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code ?? '';
  return FILE_ERROR_REASONS[code] ?? `写入失败${code ? `（${code}）` : ''}`;
}
