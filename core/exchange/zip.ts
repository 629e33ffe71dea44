/**
 * A minimal ZIP writer (deflate, no ZIP64) for the .xlsx export: ExcelJS's writer spent
 * about 50 µs a row, 5 s for 100,000 rows; writing the few XML parts ourselves and
 * deflating them with zlib is ten times faster. Entries must stay under 4 GiB (an export
 * is capped far below that by the lists it holds).
 */
import { once } from 'node:events';
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** The bytes, or a sequence of chunks deflated as they come (a 100,000-row sheet is never held whole). */
  data: Buffer | Iterable<Buffer>;
}

/** Deflates chunk by chunk; only the compressed bytes are kept. */
async function deflateEntry(data: Buffer | Iterable<Buffer>): Promise<{ deflated: Buffer; crc: number; size: number }> {
  if (Buffer.isBuffer(data)) return { deflated: zlib.deflateRawSync(data, { level: 1 }), crc: zlib.crc32(data), size: data.length };
  const stream = zlib.createDeflateRaw({ level: 1 });
  const out: Buffer[] = [];
  stream.on('data', (b: Buffer) => out.push(b));
  const ended = once(stream, 'end');
  let crc = 0;
  let size = 0;
  for (const chunk of data) {
    crc = zlib.crc32(chunk, crc);
    size += chunk.length;
    if (!stream.write(chunk)) await once(stream, 'drain');
  }
  stream.end();
  await ended;
  return { deflated: Buffer.concat(out), crc, size };
}

export async function zip(entries: ZipEntry[]): Promise<Buffer> {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  // 1980-01-01 00:00 in DOS time: the date is not meaningful for an export.
  const dosTime = 0;
  const dosDate = (0 << 9) | (1 << 5) | 1;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    // Level 1: a third of level 6's time; the file is about 20% larger, which nobody notices.
    const { deflated, crc, size } = await deflateEntry(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(dosTime, 10);
    local.writeUInt16LE(dosDate, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(deflated.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    parts.push(local, name, deflated);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4); // made by
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt16LE(dosTime, 12);
    dir.writeUInt16LE(dosDate, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(deflated.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    central.push(dir, name);
    offset += local.length + name.length + deflated.length;
  }
  const centralSize = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}
