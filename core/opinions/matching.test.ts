import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { makeHost } from '../testing';
import { linesFromFile } from './importFile';
import { parseLine } from './matching';
import { addWorkingDays } from './workingDays';

test('pasted lines: spaces, full-width spaces, commas, tabs, a leading 序号 and a header line', () => {
  assert.deepEqual(parseLine('张三 市财政局 科长'), { name: '张三', unitText: '市财政局', positionText: '科长' });
  assert.deepEqual(parseLine('张三\u3000市财政局\u3000科长'), { name: '张三', unitText: '市财政局', positionText: '科长' });
  assert.deepEqual(parseLine('1、张三，市财政局，科长'), { name: '张三', unitText: '市财政局', positionText: '科长' });
  assert.deepEqual(parseLine('张三\t市财政局 办公室\t副主任'), { name: '张三', unitText: '市财政局 办公室', positionText: '副主任' });
  assert.deepEqual(parseLine('李四'), { name: '李四', unitText: null, positionText: null });
  assert.equal(parseLine('姓名 单位 职务'), null);
  assert.equal(parseLine('序号 姓名 单位 职务'), null); // the header row of a table copied from Excel
  assert.equal(parseLine('序号\t姓名\t工作单位\t职务'), null);
  assert.equal(parseLine('   '), null);
});

test('due dates count working days only, with configured holidays and 调休 days', () => {
  const plain = { holidays: [], workingWeekendDays: [] };
  assert.equal(addWorkingDays('2025-11-07', 3, plain), '2025-11-12'); // Fri → Wed
  assert.equal(addWorkingDays('2025-11-10', 3, plain), '2025-11-13'); // Mon → Thu
  const nationalDay = {
    holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
    workingWeekendDays: ['2025-09-28', '2025-10-11'],
  };
  assert.equal(addWorkingDays('2025-09-26', 3, nationalDay), '2025-09-30'); // Fri → Sun 28 (调休), Mon 29, Tue 30
  assert.equal(addWorkingDays('2025-09-30', 2, nationalDay), '2025-10-10'); // holidays, then Thu 9, Fri 10
});

test('matching: same name with a fitting unit is sure; a lone namesake in another unit must be confirmed; duplicates flagged', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const finance = await h.call('units.create', { name: '市财政局' });
  const town = await h.call('units.create', { name: '东湖镇人民政府' });
  await h.call('people.create', { name: '张伟', unitId: finance.id });
  await h.call('people.create', { name: '张伟', unitId: town.id });
  await h.call('people.create', { name: '李四', unitId: finance.id });
  const result = await h.call('opinionRequests.matchLines', {
    lines: ['张伟 东湖镇 镇长', '李四 市教育局 科长', '李四 市财政局', '王 五', '张三3 财政局'],
  });
  assert.deepEqual(
    result.map((r) => [r.lineNo, r.name, r.status]),
    [
      [1, '张伟', 'matched'],
      [2, '李四', 'ambiguous'],
      [3, '李四', 'matched'],
      [4, '王', 'unknown'],
      [5, '张三3', 'invalid'],
    ],
  );
  assert.match(result[0]!.message ?? '', /同名2人，已按单位确定/);
  assert.match(result[1]!.message ?? '', /不一致/);
  const dup = await h.call('opinionRequests.matchLines', { lines: ['李四 市财政局', '李四 财政局'] });
  assert.equal(dup[1]!.status, 'invalid');
  assert.match(dup[1]!.message ?? '', /与第1行是同一人/);
});

test('import: .xlsx with a header row anywhere, GBK and UTF-8 CSV, and a non-spreadsheet refused', async (t) => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('名单');
  ws.addRow(['关于征求意见的人员名单']);
  ws.addRow(['序号', '姓名', '工作单位', '现任职务']);
  ws.addRow([1, '张三', '市财政局', '科长']);
  ws.addRow([2, '李四', '市教育局', '副局长']);
  const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  assert.deepEqual(await linesFromFile('名单.xlsx', xlsx), ['张三\t市财政局\t科长', '李四\t市教育局\t副局长']);

  const csv = '姓名,单位,职务\r\n王五,东湖镇人民政府,镇长\r\n';
  assert.deepEqual(await linesFromFile('a.csv', iconv.encode(csv, 'gbk')), ['王五\t东湖镇人民政府\t镇长']);
  assert.deepEqual(await linesFromFile('a.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)])), [
    '王五\t东湖镇人民政府\t镇长',
  ]);

  const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
  await assert.rejects(linesFromFile('名单.xlsx', png), /不是 Excel/);
  await assert.rejects(linesFromFile('名单.xlsx', Buffer.from('PK\u0003\u0004 broken zip')), /无法读取/);

  const h = await makeHost();
  t.after(() => h.close());
  const env = await h.raw('opinionRequests.importFile', { fileName: '名单.xlsx', contentBase64: xlsx.toString('base64') });
  assert.ok(env.ok);
  assert.deepEqual(
    (env.value as { name: string; status: string }[]).map((l) => [l.name, l.status]),
    [
      ['张三', 'unknown'],
      ['李四', 'unknown'],
    ],
  );
});
