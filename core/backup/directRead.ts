/**
 * Reading a file back from the device, not from the system's file cache (the read-back
 * after a backup is written). On Linux: O_DIRECT, which needs the buffer, the file
 * offset and the length aligned to the device's block size; 4096 covers every USB stick
 * and disk we meet. Node gives no way to ask a buffer's address, so the aligned start is
 * found once by trying offsets (a misaligned O_DIRECT read fails with EINVAL at once).
 *
 * Where this is not possible (Windows, macOS, a file system without O_DIRECT such as some
 * tmpfs/FUSE mounts) `openDirect` returns null and the caller reads through the cache
 * and must say so: the words shown to the clerk never claim more than was checked.
 */
import fs from 'node:fs';
import { throwIfAborted } from './errors';

const ALIGN = 4096;
const BLOCK = 4 * 1024 * 1024;

export interface DirectReader {
  /** The whole file, front to back, in blocks (each valid until the next is asked for). */
  blocks(signal?: AbortSignal): AsyncGenerator<Buffer>;
  close(): void;
}

/** Opens `file` for reads that bypass the cache, or null where the platform or file system cannot. */
export function openDirect(file: string): DirectReader | null {
  const O_DIRECT = (fs.constants as Record<string, number | undefined>).O_DIRECT;
  if (process.platform !== 'linux' || !O_DIRECT) return null;
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | O_DIRECT);
  } catch {
    return null;
  }
  const size = fs.fstatSync(fd).size;
  const memory = Buffer.alloc(BLOCK + ALIGN);
  let start = -1;
  for (let offset = 0; offset < ALIGN && start < 0; offset += 8) {
    try {
      fs.readSync(fd, memory, offset, ALIGN, 0);
      start = offset;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EINVAL') break;
    }
  }
  if (start < 0) {
    fs.closeSync(fd);
    return null;
  }
  const buffer = memory.subarray(start, start + BLOCK);
  return {
    async *blocks(signal) {
      for (let position = 0; position < size;) {
        throwIfAborted(signal);
        // Synchronous: O_DIRECT reads of 4 MiB take a few ms each; the thread pool would only add copies.
        const n = fs.readSync(fd, buffer, 0, BLOCK, position);
        if (n <= 0) throw Object.assign(new Error('short read'), { code: 'EIO' });
        yield buffer.subarray(0, n);
        position += n;
        await new Promise((r) => setImmediate(r)); // let the host answer between blocks
      }
    },
    close() {
      fs.closeSync(fd);
    },
  };
}
