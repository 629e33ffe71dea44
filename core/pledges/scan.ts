import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import { SCAN_MAX_BYTES } from './contract';

export type ScanMime = 'image/jpeg' | 'image/png' | 'application/pdf';

/** The file's type from its first bytes: a renamed .exe or .docx is not a scan, whatever its name says. */
export function sniffScanType(bytes: Buffer): ScanMime | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 5 && bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'application/pdf';
  return null;
}

export function checkScan(fileName: string, bytes: Buffer): { mime: ScanMime; sha256: string } {
  if (bytes.length === 0) throw new AppError('VALIDATION', '扫描件是空文件。');
  if (bytes.length > SCAN_MAX_BYTES) {
    throw new AppError(
      'VALIDATION',
      `扫描件“${fileName}”有${(bytes.length / 1024 / 1024).toFixed(1)}MB，超过${SCAN_MAX_BYTES / 1024 / 1024}MB的上限，请降低扫描分辨率后重试。`,
    );
  }
  const mime = sniffScanType(bytes);
  if (!mime) throw new AppError('VALIDATION', `“${fileName}”不是图片（JPG、PNG）或 PDF 文件，不能作为扫描件。`);
  return { mime, sha256: createHash('sha256').update(bytes).digest('hex') };
}
