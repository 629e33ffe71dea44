import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { rng } from '../../bench/seed/people';
import { readTable } from './importRead';

const xlsx = async (fill: (ws: ExcelJS.Worksheet) => void) => {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('人员'));
  wb.addWorksheet('第二页').addRow(['不读']);
  return Buffer.from(await wb.xlsx.writeBuffer());
};

test('every Chinese name of a 10,000-row .xlsx is read intact (ExcelJS garbled characters split across its chunks)', async () => {
  // the benchmark's roster: with ExcelJS's reader 5 of these names came back with U+FFFD in them
  const r = rng(77);
  const pick = (s: string) => s[Math.floor(r() * s.length)]!;
  const rows = Array.from({ length: 10_000 }, (_, i) => [
    String(i + 1),
    pick('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗') +
      pick('伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红') +
      pick('伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红'),
    r() < 0.5 ? '男' : '女',
    r() < 0.7 ? '中共党员' : '群众',
    '公务员',
    `${pick('财教安政审水')}务局／${['办公室', '财务科', '综合科'][Math.floor(r() * 3)]}`,
    '科员',
  ]);
  const file = await xlsx((ws) => {
    ws.addRow(['序号', '姓名', '性别', '政治面貌', '人员类别', '单位', '职务']);
    rows.forEach((row) => ws.addRow(row));
  });
  const read = await readTable('a.xlsx', file);
  assert.equal(read.length, 10_001);
  const garbled = read.slice(1).filter((row, i) => row.join('|') !== rows[i]!.join('|'));
  assert.deepEqual(garbled, []);
});

test('an .xlsx cell reads as data: trimmed text, numbers, dates in date formats, formula results never formulas, errors empty; first sheet only', async () => {
  const file = await xlsx((ws) => {
    ws.addRow(['姓名', '数', '日期', '公式', '富文本', '布尔', '错误', '中文日期', '小数']);
    ws.addRow([
      ' 张三 ',
      12.5,
      new Date(Date.UTC(1980, 4, 1)),
      { formula: 'B2+1', result: 13.5 },
      { richText: [{ text: '李' }, { text: '四', font: { bold: true } }] },
      true,
      { error: '#N/A' },
      new Date(Date.UTC(1975, 2, 15)),
      3.14159,
    ]);
    ws.addRow(['=1+1', '+86', { formula: '"="&"SUM(1)"', result: '=SUM(1)' }, 'a&b<c>"d\'']);
    ws.addRow([]);
    ws.getColumn(3).numFmt = 'yyyy-mm-dd';
    ws.getColumn(8).numFmt = 'yyyy"年"m"月"d"日"';
    ws.getColumn(9).numFmt = '0.00';
  });
  const rows = (await readTable('a.xlsx', file)).map((r) => [...r].map((c) => c ?? null));
  assert.deepEqual(rows, [
    ['姓名', '数', '日期', '公式', '富文本', '布尔', '错误', '中文日期', '小数'],
    ['张三', '12.5', '1980-05-01', '13.5', '李四', 'true', '', '1975-03-15', '3.14159'],
    ['=1+1', '+86', '=SUM(1)', 'a&b<c>"d\''],
  ]);
});
