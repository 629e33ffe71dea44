/**
 * The 征求意见 name list through the shared import flow: real .xlsx and GBK CSV files, a real
 * SQLite file. The report says per row which registered person it matched (namesakes told
 * apart by unit, birth month or 身份证号, never guessed), which are new, which are invalid and
 * why; saving the request writes the new persons, the updates the clerk chose, and the request,
 * together or not at all.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { makeHost, type TestHost } from '../testing';
import type { ImportPreview } from '../exchange/importContract';

const ZHANG_ID = '110101199003077571';
const count = (h: TestHost, sql: string, ...params: unknown[]) =>
  h.host.db
    .prepare(sql)
    .pluck()
    .get(...params) as number;
const person = (h: TestHost, id: string) =>
  h.host.db.prepare('SELECT name, unit_id AS unitId, position FROM people WHERE id = ?').get(id) as {
    name: string;
    unitId: string | null;
    position: string | null;
  };

async function register(h: TestHost) {
  const finance = await h.call('units.create', { name: '市财政局' });
  const tax = await h.call('units.create', { name: '市税务局' });
  const wangFinance = await h.call('people.create', { name: '王芳', unitId: finance.id, birthMonth: '1980-05', position: '科员' });
  const wangTax = await h.call('people.create', { name: '王芳', unitId: tax.id, position: '科员' });
  const li = await h.call('people.create', { name: '李强', unitId: tax.id, position: '科员' });
  const zhang = await h.call('people.create', { name: '张伟', unitId: finance.id, idNumber: ZHANG_ID, position: '副科长' });
  return { finance, tax, wangFinance, wangTax, li, zhang };
}

const LETTER = {
  requester: '市委组织部',
  requesterDocNumber: null,
  title: '关于征求王芳等同志意见的函',
  receivedDate: '2025-06-30',
  purpose: '提拔',
  notes: null,
} as const;

/** What the request form sends for the report's valid rows, with the clerk's choice per matched row. */
function persons(p: ImportPreview, choice: Record<number, 'update' | 'skip'> = {}) {
  return p.rows
    .filter((r) => r.status !== 'invalid')
    .map((r) => ({
      personId: r.person?.id ?? null,
      unitText: r.values.unit ?? null,
      positionText: r.values.position ?? null,
      fromFile: { line: r.line, expect: r.status as 'new', values: r.values, existing: choice[r.line] ?? 'update' },
    }));
}

test('request list from a GBK CSV: matched, namesakes told apart, new, invalid and why; update or skip per row; one transaction', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const w = await register(h);
  const csv = [
    '序号,姓名,工作单位,现任职务,出生年月,身份证号',
    '1,王芳,市税务局,副局长,,', // 2 namesake told apart by unit: update 职务
    '2,李强,市税务局,科长,,', // 3 existing: update 职务 (the clerk will skip it)
    '3,刘洋,市教育局,科员,1990.3,', // 4 nobody: new; no such unit in the register
    '4,王芳,,科员,,', // 5 two 王芳, nothing tells them apart
    '5,赵6,市财政局,科员,,', // 6 bad name
    "6,=cmd|' /C calc'!A0,市财政局,,,", // 7 a formula-looking cell stays data (and is no name)
    '7,王芳,,,1980年5月,', // 8 namesake told apart by birth month, nothing to change
    `8,张伟,市税务局,局长,,${ZHANG_ID}`, // 9 found by 身份证号: unit and 职务 change
    '9,李强,市税务局,,,', // 10 李强 again
    '10,王芳,,,1975-01,', // 11 neither 王芳 has that birth month... but one has none recorded: not guessed
  ].join('\r\n');
  const before = { people: count(h, 'SELECT count(*) FROM people'), audit: count(h, 'SELECT count(*) FROM audit_log') };
  const p = await h.call('imports.preview', {
    kind: 'requestList',
    fileName: '名单.csv',
    contentBase64: iconv.encode(csv, 'gbk').toString('base64'),
    existing: 'update',
  });
  assert.deepEqual(
    p.rows.map((r) => [r.line, r.status]),
    [
      [2, 'update'],
      [3, 'update'],
      [4, 'new'],
      [5, 'invalid'],
      [6, 'invalid'],
      [7, 'invalid'],
      [8, 'unchanged'],
      [9, 'update'],
      [10, 'invalid'],
      [11, 'invalid'],
    ],
  );
  const row = (line: number) => p.rows.find((r) => r.line === line)!;
  assert.equal(row(2).person?.id, w.wangTax.id);
  assert.deepEqual(row(2).changes, ['职务（副局长）']);
  assert.equal(row(3).person?.id, w.li.id);
  assert.match(row(4).reason ?? '', /人员库中没有此人，将新增；单位“市教育局”不在单位库中/);
  assert.equal(row(4).values.birthMonth, '1990-03');
  assert.match(row(5).reason ?? '', /人员库中有2名王芳；可在文件中填写单位、出生年月或身份证号以区分/);
  assert.match(row(6).reason ?? '', /姓名“赵6”不正确/);
  assert.equal(row(7).values.name, "=cmd|' /C calc'!A0");
  assert.equal(row(8).person?.id, w.wangFinance.id);
  assert.match(row(8).reason ?? '', /同名2人，已按出生年月确定/);
  assert.equal(row(9).person?.id, w.zhang.id);
  assert.deepEqual(row(9).changes, ['单位（市税务局）', '职务（局长）']);
  assert.match(row(10).reason ?? '', /与第3行是同一条记录/);
  assert.match(row(11).reason ?? '', /人员库中有2名王芳/);
  // The preview tried every write and rolled it back.
  assert.equal(count(h, 'SELECT count(*) FROM people'), before.people);
  assert.equal(count(h, 'SELECT count(*) FROM audit_log'), before.audit);

  // Someone registers 刘洋 between the preview and the save: the new-person row no longer holds, nothing is saved.
  const liu = await h.call('people.create', { name: '刘洋' });
  const auditMid = count(h, 'SELECT count(*) FROM audit_log');
  const stale = await h.raw('opinionRequests.create', { ...LETTER, persons: persons(p, { 3: 'skip' }) }, h.session);
  assert.ok(!stale.ok);
  assert.match(stale.error.message, /第4行：人员库中的刘洋在“未填单位”，与来函所列单位不一致.*全部未导入/);
  assert.equal(count(h, 'SELECT count(*) FROM opinion_requests'), 0);
  assert.equal(person(h, w.wangTax.id).position, '科员');
  assert.equal(count(h, 'SELECT count(*) FROM audit_log'), auditMid);
  await h.call('people.delete', { id: liu.id });

  const created = await h.call('opinionRequests.create', { ...LETTER, persons: persons(p, { 3: 'skip' }) });
  const liuNew = h.host.db.prepare("SELECT id FROM people WHERE name = '刘洋' AND deleted_at IS NULL").pluck().get() as string;
  assert.deepEqual(
    created.persons.map((x) => [x.lineNo, x.id, x.unitText, x.positionText]),
    [
      [1, w.wangTax.id, '市税务局', '副局长'],
      [2, w.li.id, '市税务局', '科长'],
      [3, liuNew, '市教育局', '科员'],
      [4, w.wangFinance.id, null, null],
      [5, w.zhang.id, '市税务局', '局长'],
    ],
  );
  assert.deepEqual(person(h, w.wangTax.id), { name: '王芳', unitId: w.tax.id, position: '副局长' }); // updated
  assert.deepEqual(person(h, w.li.id), { name: '李强', unitId: w.tax.id, position: '科员' }); // skipped
  assert.deepEqual(person(h, liuNew), { name: '刘洋', unitId: null, position: '科员' }); // created, no unit guessed
  assert.deepEqual(person(h, w.zhang.id), { name: '张伟', unitId: w.tax.id, position: '局长' });
  assert.equal(count(h, 'SELECT count(*) FROM units'), 2); // a requester's text creates no unit
  assert.equal(
    count(
      h,
      "SELECT count(*) FROM audit_log WHERE entity = 'people' AND action = 'update' AND entity_id IN (?, ?)",
      w.wangTax.id,
      w.zhang.id,
    ),
    2,
  );
  assert.equal(count(h, "SELECT count(*) FROM audit_log WHERE entity = 'people' AND action = 'update' AND entity_id = ?", w.li.id), 0);
  assert.equal(count(h, "SELECT count(*) FROM audit_log WHERE entity = 'opinion_requests' AND action = 'create'"), 1);
});

test('request list from .xlsx: the downloaded template fills in; unknown headers need the column mapping; oversized files refused in Chinese', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const w = await register(h);
  const tpl = await h.call('imports.template', { kind: 'requestList' });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(tpl.contentBase64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  assert.deepEqual((ws.getRow(1).values as string[]).slice(1), ['姓名', '单位', '职务', '出生年月', '身份证号']);
  ws.addRow(['李强', '市税务局', '+科长']);
  ws.addRow(['王芳', '财政局']);
  const filled = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
  const p = await h.call('imports.preview', { kind: 'requestList', fileName: '名单.xlsx', contentBase64: filled, existing: 'update' });
  assert.deepEqual(
    p.rows.map((r) => [r.status, r.person?.id, r.values.position]),
    [
      ['update', w.li.id, '+科长'], // a cell starting with + stays text
      ['unchanged', w.wangFinance.id, null],
    ],
  );

  // Headers the guess does not know: the preview says which column is missing; a mapping makes it work.
  const other = new ExcelJS.Workbook();
  const sheet = other.addWorksheet('人员');
  sheet.addRow(['人', '部门', '岗位']);
  sheet.addRow(['李强', '市税务局', '科员']);
  const odd = Buffer.from(await other.xlsx.writeBuffer()).toString('base64');
  const missing = await h.raw('imports.preview', { kind: 'requestList', fileName: 'x.xlsx', contentBase64: odd }, h.session);
  assert.ok(!missing.ok);
  assert.match(missing.error.message, /没有找到“姓名”列/);
  const mapped = await h.call('imports.preview', {
    kind: 'requestList',
    fileName: 'x.xlsx',
    contentBase64: odd,
    mapping: { name: 0, unit: 1, position: 2, birthMonth: null, idNumber: null },
  });
  assert.deepEqual(
    mapped.rows.map((r) => [r.line, r.status, r.person?.id]),
    [[2, 'unchanged', w.li.id]],
  );

  const big = Buffer.alloc(Math.round(15.5 * 1024 * 1024), 0x41).toString('base64');
  const refused = await h.raw('imports.preview', { kind: 'requestList', fileName: 'big.csv', contentBase64: big }, h.session);
  assert.ok(!refused.ok);
  assert.match(refused.error.message, /文件过大（15\.5MB），一次最多导入15MB/);

  // A request list is confirmed by saving its request, not through imports.commit.
  const commit = await h.raw(
    'imports.commit',
    { kind: 'requestList', existing: 'update', rows: [{ line: 2, expect: 'new', values: { name: '李强' } }] },
    h.session,
  );
  assert.ok(!commit.ok);
  assert.match(commit.error.message, /不支持导入这类数据/);
});
