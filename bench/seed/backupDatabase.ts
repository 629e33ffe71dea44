/**
 * The 100 MiB database the backup benchmark copies: settings rows, half random
 * (incompressible) and half repetitive Chinese text, like names and notes next to ids.
 * Run as its own process (`node --import tsx bench/seed/backupDatabase.ts <file> <bytes>`)
 * so the measuring process starts as an app does: not just after writing 100 MiB of rows.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { openDatabase } from '../../db/open';

export function seedBackupDatabase(file: string, bytes: number): void {
  const { db } = openDatabase(file);
  const insert = db.prepare("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, '2025-01-01T00:00:00Z')");
  const text = JSON.stringify('某某县财政局综合科科员，2023年度考核称职，无违纪违法记录。'.repeat(8));
  let i = 0;
  const batch = (n: number) =>
    db.transaction(() => {
      for (let k = 0; k < n; k++, i++) insert.run(`bench-${i}`, i % 2 ? JSON.stringify(randomBytes(768).toString('base64')) : text);
    })();
  while (fs.statSync(file).size < bytes) {
    batch(5000);
    db.pragma('wal_checkpoint(TRUNCATE)');
  }
  db.close();
  // On disk before timing starts, as a running app's database mostly is.
  const fd = fs.openSync(file, 'r+');
  fs.fsyncSync(fd);
  fs.closeSync(fd);
}

if (require.main === module) {
  const [file, bytes] = process.argv.slice(2);
  if (!file || !bytes) throw new Error('usage: backupDatabase.ts <file> <bytes>');
  seedBackupDatabase(file, Number(bytes));
}
