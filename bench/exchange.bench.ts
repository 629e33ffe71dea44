/**
 * exchange.*: Excel in and out, through the contract.
 * - import 10,000 people from .xlsx, preview + confirm (target ≤ 3 s end to end);
 * - export 100,000 people to .xlsx (target ≤ 5 s, peak memory < 300 MB), run in a child
 *   process so its peak resident memory (maxRSS) is its own, not the seeding's.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { benchHost, measure } from './host';
import { rng, seedRegister } from './seed/people';
import { emit } from './stats';

async function peopleXlsx(n: number): Promise<Buffer> {
  const r = rng(77);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员');
  ws.addRow(['序号', '姓名', '性别', '出生年月', '政治面貌', '人员类别', '单位', '职务']);
  const surnames = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
  const given = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红';
  const bureaus = ['市财政局', '市教育局', '市公安局', '市民政局', '市审计局', '市水利局'];
  for (let i = 0; i < n; i++) {
    const name =
      surnames[Math.floor(r() * surnames.length)]! + given[Math.floor(r() * given.length)]! + given[Math.floor(r() * given.length)]!;
    const birth = new Date(Date.UTC(1960 + Math.floor(r() * 40), Math.floor(r() * 12), 1));
    const unit = `${bureaus[Math.floor(r() * bureaus.length)]}／${['办公室', '财务科', '综合科'][Math.floor(r() * 3)]}`;
    ws.addRow([i + 1, name, r() < 0.5 ? '男' : '女', birth, r() < 0.7 ? '中共党员' : '群众', '公务员', unit, '科员']);
  }
  ws.getColumn(4).numFmt = 'yyyy-mm';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function run({ quick }: { quick: boolean }): Promise<void> {
  // ---- import ----
  const importRows = quick ? 2_000 : 10_000;
  const file = (await peopleXlsx(importRows)).toString('base64');
  const b = await benchHost();
  try {
    const { result, wallMs, cpuMs } = await measure(async () => {
      const preview = await b.call<{ rows: { line: number; status: string; values: Record<string, string | null> }[] }>('imports.preview', {
        kind: 'people',
        fileName: 'people.xlsx',
        contentBase64: file,
      });
      const rows = preview.rows.filter((r) => r.status !== 'invalid').map((r) => ({ line: r.line, expect: r.status, values: r.values }));
      return b.call<{ created: number }>('imports.commit', { kind: 'people', existing: 'update', rows });
    });
    emit({
      name: 'exchange.import.people_xlsx',
      value: wallMs,
      unit: 'ms',
      cpu_ms: cpuMs,
      target: 3000,
      rows: importRows,
      created: result.created,
    });
  } finally {
    b.close();
  }

  // ---- export ----
  const exportRows = quick ? 20_000 : 100_000;
  const e = await benchHost();
  try {
    seedRegister(e.host.db, { people: exportRows, seed: 6 });
    e.host.db.pragma('wal_checkpoint(TRUNCATE)');
    // The data folder admits one program at a time (db/lock.ts): the child opens it, so this host lets go first.
    e.host.close();
    const out = execFileSync(process.execPath, ['--import', 'tsx', path.join(__dirname, 'exportChild.ts'), e.dir], {
      encoding: 'utf8',
      maxBuffer: 1 << 20,
    });
    const m = JSON.parse(out.trim().split('\n').pop()!) as { wallMs: number; cpuMs: number; maxRssMb: number; rows: number; bytes: number };
    emit({ name: 'exchange.export.people_xlsx', value: m.wallMs, unit: 'ms', cpu_ms: m.cpuMs, target: 5000, rows: m.rows, bytes: m.bytes });
    emit({ name: 'exchange.export.people_xlsx.peak_rss', value: m.maxRssMb, unit: 'MB', cpu_ms: m.cpuMs, target: 300, rows: m.rows });
  } finally {
    e.close();
  }
}
