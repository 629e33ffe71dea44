import assert from 'node:assert/strict';
import { verifyAuditChain } from '../audit/verify';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { makeHost, type TestHost } from '../testing';
import type { ImportPreview } from './importContract';

const b64 = (b: Buffer) => b.toString('base64');
const peopleCount = (h: TestHost) => h.host.db.prepare('SELECT count(*) FROM people WHERE deleted_at IS NULL').pluck().get() as number;
const commitValid = (h: TestHost, p: ImportPreview, existing: 'update' | 'skip' = 'update') =>
  h.call('imports.commit', {
    kind: 'people',
    existing,
    rows: p.rows.filter((r) => r.status !== 'invalid').map((r) => ({ line: r.line, expect: r.status as 'new', values: r.values })),
  });

test('people export: Chinese headers, real date cells, widths, frozen header; formula-like text stays text (xlsx) or is guarded (CSV)', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const finance = await h.call('units.create', { name: '市财政局' });
  const office = await h.call('units.create', { name: '办公室', parentId: finance.id });
  await h.call('people.create', {
    name: '张三',
    gender: '男',
    birthMonth: '1980-05',
    unitId: office.id,
    position: '=HYPERLINK("http://x","点我")',
  });
  await h.call('people.create', { name: '李四', unitId: finance.id, position: '+科长' });
  await h.call('people.create', { name: '王五', unitId: null });

  // what is filtered: only the finance bureau's people
  const file = await h.call('exports.list', { list: 'people', format: 'xlsx', filter: { unitId: finance.id } });
  assert.match(file.fileName, /^人员库_\d{4}-\d{2}-\d{2}\.xlsx$/);
  assert.equal(file.rows, 2);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1, 4), ['姓名', '性别', '出生年月']);
  assert.equal(ws.rowCount, 3);
  assert.equal(ws.views[0]?.state, 'frozen');
  assert.equal(ws.getColumn(6).width, 36);
  assert.equal(ws.getRow(2).getCell(1).value, '李四'); // sorted as the list is: by pinyin
  const zhang = ws.getRow(3).values as unknown[];
  assert.equal(zhang[1], '张三');
  assert.ok(zhang[3] instanceof Date && (zhang[3] as Date).toISOString().startsWith('1980-05-01'));
  assert.equal(ws.getRow(3).getCell(3).numFmt, 'yyyy"年"m"月"');
  assert.equal(zhang[6], '市财政局／办公室');
  const cell = ws.getRow(3).getCell(7);
  assert.equal(cell.type, ExcelJS.ValueType.String); // never a formula
  assert.equal(cell.value, '=HYPERLINK("http://x","点我")');

  const csv = Buffer.from((await h.call('exports.list', { list: 'people', format: 'csv', filter: {} })).contentBase64, 'base64');
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const text = csv.toString('utf8');
  assert.ok(text.includes(`"'=HYPERLINK(""http://x"",""点我"")"`), text);
  assert.ok(text.includes(`,'+科长,`));
  // and back in: the guard comes off, the data is unchanged
  const back = await h.call('imports.preview', { kind: 'people', fileName: 'x.csv', contentBase64: b64(csv) });
  assert.deepEqual(back.counts, { new: 0, update: 0, unchanged: 3, invalid: 0 });
});

test('people import from GBK CSV: preview writes nothing, reports new/existing/invalid with reasons; confirm writes all or none; export re-imports unchanged', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const finance = await h.call('units.create', { name: '市财政局' });
  await h.call('units.create', { name: '办公室', parentId: finance.id });
  const edu = await h.call('units.create', { name: '市教育局' });
  await h.call('units.create', { name: '办公室', parentId: edu.id });
  await h.call('people.create', { name: '赵一', unitId: finance.id, birthMonth: '1970-01', position: '科员' });
  await h.call('people.create', { name: '钱二', unitId: finance.id, position: '科长' });
  const before = peopleCount(h);

  const lines = [
    '序号,姓名,性别,出生年月,政治面貌,单位,职务',
    '1,赵一,,1970.01,,市财政局,科员', // existing, unchanged (empty cells keep what is held)
    '2,钱二,女,1975年3月,中共党员,市财政局,副局长', // existing: position and more change
    '3,孙三,男,1980-05,群众,市交通运输局／综合科,科员', // new, with a new unit path
    '4,李四,男,19820315,,市教育局／办公室,主任', // new
    '5,周五1,男,1980-05,,市财政局,科员', // invalid name
    '6,吴六,未知,1980-05,,市财政局,科员', // invalid gender
    '7,郑七,男,1980-05,,办公室,科员', // ambiguous unit
    '8,李四,男,1982-03,,市教育局／办公室,主任', // duplicate of line 4 (by name, unit, birth month)
    '9,王九,男,1980-13,,市财政局,科员', // impossible month
  ];
  const gbk = iconv.encode(lines.join('\r\n'), 'gbk');
  const p = await h.call('imports.preview', { kind: 'people', fileName: '名单.csv', contentBase64: b64(gbk) });
  assert.equal(peopleCount(h), before, 'preview writes nothing');
  assert.deepEqual(p.counts, { new: 2, update: 1, unchanged: 1, invalid: 5 });
  assert.equal(p.mapping.name, 1);
  assert.deepEqual(p.newUnits, ['市交通运输局／综合科']);
  const reason = (line: number) => p.rows.find((r) => r.line === line)!.reason ?? '';
  assert.match(reason(3), /将更新：性别、出生年月、政治面貌、职务/);
  assert.match(reason(6), /姓名不能包含数字/);
  assert.match(reason(7), /性别只能是/);
  assert.match(reason(8), /有2个同名单位/);
  assert.match(reason(9), /与第5行是同一人/);
  assert.match(reason(10), /出生年月/);

  const result = await commitValid(h, p);
  assert.deepEqual(result, { created: 2, updated: 1, unchanged: 1, skipped: 0, unitsCreated: 2 });
  assert.equal(peopleCount(h), before + 2);
  const qian = (await h.call('people.list', { query: '钱二' })).items[0]!;
  assert.equal(qian.position, '副局长');
  assert.equal(qian.birthMonth, '1975-03');
  assert.equal(h.host.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'people' AND action = 'create'").pluck().get(), 4);
  // the imported people (written together in one statement) are found like any other: 1, 2 and 3 characters, position, pinyin
  for (const query of ['孙', '孙三', '李四', '主任', 'sunsan', 'ls']) {
    const names = (await h.call('people.list', { query })).items.map((p) => p.name);
    assert.ok(names.includes(query === '主任' || query === 'ls' || query === '李四' ? '李四' : '孙三'), `${query}: ${names.join('、')}`);
  }
  assert.equal(verifyAuditChain(h.host.db).ok, true);

  // export what is held, import it again: no changes
  for (const format of ['xlsx', 'csv'] as const) {
    const out = await h.call('exports.list', { list: 'people', format, filter: {} });
    const again = await h.call('imports.preview', { kind: 'people', fileName: `x.${format}`, contentBase64: out.contentBase64 });
    assert.deepEqual(again.counts, { new: 0, update: 0, unchanged: peopleCount(h), invalid: 0 }, format);
  }
});

test('import confirm is all or none: a row that no longer checks out leaves nothing written', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const unit = await h.call('units.create', { name: '市财政局' });
  const p = await h.call('imports.preview', {
    kind: 'people',
    fileName: 'a.csv',
    contentBase64: b64(Buffer.from('姓名,单位,身份证号\n甲一,市财政局,\n乙二,市财政局,11010519491231002X\n')),
  });
  assert.deepEqual(p.counts, { new: 2, update: 0, unchanged: 0, invalid: 0 });
  // meanwhile someone registers the ID number on another person
  await h.call('people.create', { name: '丙三', unitId: unit.id, idNumber: '11010519491231002X' });
  const before = peopleCount(h);
  const res = await h.raw('imports.commit', {
    kind: 'people',
    existing: 'update',
    rows: p.rows.map((r) => ({ line: r.line, expect: r.status as 'new', values: r.values })),
  });
  assert.ok(!res.ok && res.error.message.includes('全部未导入'), JSON.stringify(res));
  assert.equal(peopleCount(h), before, 'nothing of the import stays');
  // previewed again, the row says why
  const again = await h.call('imports.preview', {
    kind: 'people',
    fileName: 'a.csv',
    contentBase64: b64(Buffer.from('姓名,单位,身份证号\n乙二,市财政局,11010519491231002X\n')),
  });
  assert.match(again.rows[0]!.reason ?? '', /身份证号与人员库中的“丙三”相同/);
});

test('import is bounded: oversized files and too many rows are refused in Chinese; templates download', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const many = Buffer.from(['姓名', ...Array.from({ length: 20_001 }, (_, i) => `张${'一二三四五六七八九十'[i % 10]}`)].join('\n'));
  const tooMany = await h.raw('imports.preview', { kind: 'people', fileName: 'a.csv', contentBase64: b64(many) });
  assert.ok(!tooMany.ok && tooMany.error.message.includes('一次最多导入20000行'), JSON.stringify(tooMany));
  const big = Buffer.alloc(16 * 1024 * 1024, 0x41);
  const tooBig = await h.raw('imports.preview', { kind: 'people', fileName: 'a.csv', contentBase64: b64(big) });
  assert.ok(!tooBig.ok && tooBig.error.message.includes('文件过大'));
  const noName = await h.raw('imports.preview', {
    kind: 'people',
    fileName: 'a.csv',
    contentBase64: b64(Buffer.from('单位,职务\n市财政局,科员\n')),
  });
  assert.ok(!noName.ok && noName.error.message.includes('没有找到“姓名”列'));

  // a 40,000-row .xlsx is refused after reading past the cap
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('人员');
  ws.addRow(['姓名']);
  for (let i = 0; i < 40_000; i++) ws.addRow(['张三']);
  const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
  const capped = await h.raw('imports.preview', { kind: 'people', fileName: 'a.xlsx', contentBase64: b64(xlsx) });
  assert.ok(!capped.ok && capped.error.message.includes('一次最多导入20000行'));

  const template = await h.call('imports.template', { kind: 'people' });
  const tb = new ExcelJS.Workbook();
  await tb.xlsx.load(Buffer.from(template.contentBase64, 'base64') as unknown as ArrayBuffer);
  assert.deepEqual((tb.worksheets[0]!.getRow(1).values as unknown[]).slice(1, 3), ['姓名', '性别']);
  assert.equal(tb.worksheets[1]!.name, '填写说明');
});

test('an export is written to the audit log: who, which list and filter, how many rows', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const unit = await h.call('units.create', { name: '市审计局' });
  await h.call('people.create', { name: '赵六', unitId: unit.id });
  await h.call('people.create', { name: '钱七', unitId: unit.id });
  await h.call('people.create', { name: '孙八', unitId: null });
  const last = () =>
    h.host.db.prepare("SELECT user_id, action, entity, after FROM audit_log WHERE action = 'export' ORDER BY seq DESC LIMIT 1").get() as
      { user_id: string; action: string; entity: string; after: string } | undefined;
  assert.equal(last(), undefined);
  await h.call('exports.list', { list: 'people', format: 'csv', filter: { unitId: unit.id } });
  const entry = last()!;
  const admin = h.host.db.prepare("SELECT id FROM users WHERE username = 'admin'").pluck().get();
  assert.equal(entry.user_id, admin);
  assert.equal(entry.entity, 'exports.list');
  const after = JSON.parse(entry.after) as { title: string; rows: number; input: { list: string; filter: { unitId: string } } };
  assert.equal(after.rows, 2);
  assert.equal(after.input.list, 'people');
  assert.equal(after.input.filter.unitId, unit.id);
  // a refused export leaves no entry
  const before = h.host.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'export'").pluck().get();
  await assert.rejects(h.call('exports.list', { list: 'nothing', format: 'csv', filter: {} } as never));
  assert.equal(h.host.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'export'").pluck().get(), before);
});

test('the people export holds exactly the filtered list, in its order (one sorted walk, read in blocks)', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const bureau = await h.call('units.create', { name: '市水利局' });
  const office = await h.call('units.create', { name: '综合科', parentId: bureau.id });
  const other = await h.call('units.create', { name: '市民政局' });
  const names = '甲乙丙丁戊己庚辛壬癸';
  for (let i = 0; i < 30; i++) {
    await h.call('people.create', {
      name: `王${names[i % 10]}${names[Math.floor(i / 10)]}`,
      birthMonth: `19${60 + (i % 7)}-0${1 + (i % 9)}`,
      unitId: [bureau.id, office.id, other.id][i % 3]!,
    });
  }
  for (const filter of [
    { unitId: bureau.id, includeSubunits: true, sortBy: 'birthMonth', sortOrder: 'desc' },
    { unitId: bureau.id, includeSubunits: false },
    { sortBy: 'unit', sortOrder: 'asc' },
    { query: '王甲' },
  ] as const) {
    const list = await h.call('people.list', { ...filter, page: 1, pageSize: 100 });
    const file = await h.call('exports.list', { list: 'people', format: 'csv', filter });
    const lines = Buffer.from(file.contentBase64, 'base64').toString('utf8').trim().split('\r\n').slice(1);
    assert.equal(file.rows, list.total, JSON.stringify(filter));
    assert.deepEqual(
      lines.map((l) => l.split(',')[0]),
      list.items.map((p) => p.name),
      JSON.stringify(filter),
    );
  }
});

test('操作记录 export: administrators only (the same refusal as audit.list); Chinese headers, real date-time cells, the filtered rows in the list’s order', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  await h.call('users.create', { username: 'clerk', displayName: '王承办', password: 'Clerk12345', roles: ['handler'] });
  const unit = await h.call('units.create', { name: '市统计局' });
  await h.call('people.create', { name: '周九', unitId: unit.id });
  await h.call('people.create', { name: '吴十', unitId: unit.id });

  const filter = { action: 'create', entity: 'people' };
  const list = await h.call('audit.list', { ...filter, page: 1, pageSize: 200 });
  assert.equal(list.total, 2);
  const file = await h.call('exports.list', { list: 'auditLog', format: 'xlsx', filter });
  assert.match(file.fileName, /^操作记录_\d{4}-\d{2}-\d{2}\.xlsx$/);
  assert.equal(file.rows, list.total);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), ['序号', '时间', '账号', '操作', '对象', '记录编号', '之前', '之后']);
  assert.equal(ws.views[0]?.state, 'frozen');
  assert.equal(ws.rowCount, 1 + list.total);
  list.items.forEach((e, i) => {
    const row = ws.getRow(2 + i);
    assert.equal(row.getCell(1).value, e.seq); // newest first, as on screen
    assert.equal(row.getCell(3).value, '系统管理员');
    assert.equal(row.getCell(4).value, '新增');
    assert.equal(row.getCell(5).value, '人员');
    assert.equal(row.getCell(6).value, e.entityId);
    // A real date-time cell showing the local time the entry was made (ExcelJS reads serials as UTC wall time).
    const at = row.getCell(2).value as Date;
    assert.ok(at instanceof Date, String(at));
    const local = new Date(e.at);
    assert.deepEqual(
      [at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes(), at.getUTCSeconds()],
      [local.getFullYear(), local.getMonth(), local.getDate(), local.getHours(), local.getMinutes(), local.getSeconds()],
    );
    assert.equal(row.getCell(2).numFmt, 'yyyy"年"m"月"d"日" hh:mm:ss');
  });
  // CSV of the same filter: BOM, the same rows.
  const csv = Buffer.from((await h.call('exports.list', { list: 'auditLog', format: 'csv', filter })).contentBase64, 'base64');
  assert.deepEqual([...csv.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const lines = csv.toString('utf8').trim().split('\r\n');
  assert.equal(lines[0], '序号,时间,账号,操作,对象,记录编号,之前,之后');
  assert.deepEqual(
    lines.slice(1).map((l) => Number(l.split(',')[0])),
    list.items.map((e) => e.seq),
  );
  assert.match(lines[1]!, /^\d+,\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},系统管理员,新增,人员,/);

  // A plain account may call exports.list, but not for 操作记录: the message audit.list gives, and nothing logged.
  const exportsBefore = h.host.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'export'").pluck().get();
  await h.login('clerk', 'Clerk12345');
  const direct = await h.raw('audit.list', {});
  const viaExport = await h.raw('exports.list', { list: 'auditLog', format: 'csv', filter: {} });
  assert.ok(!direct.ok && !viaExport.ok);
  assert.equal(viaExport.error.code, 'FORBIDDEN');
  assert.equal(viaExport.error.message, direct.error.message);
  assert.match(viaExport.error.message, /操作记录.*管理员/);
  assert.equal(h.host.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'export'").pluck().get(), exportsBefore);
  // …while the clerk's other exports still work.
  assert.ok((await h.raw('exports.list', { list: 'recycleBin', format: 'csv', filter: {} })).ok);
});

test('回收站 export: Chinese headers, real date-time cells, the same rows as the filtered 回收站 list', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const keep = await h.call('units.create', { name: '市林业局' });
  const gone = await h.call('units.create', { name: '临时工作组' });
  const a = await h.call('people.create', { name: '郑一', unitId: keep.id, position: '科员' });
  const b = await h.call('people.create', { name: '冯二', unitId: keep.id });
  await h.call('people.create', { name: '陈三', unitId: keep.id });
  await h.call('people.delete', { id: a.id });
  await h.call('people.delete', { id: b.id });
  await h.call('units.delete', { id: gone.id });

  for (const filter of [{}, { entity: 'person' }, { entity: 'unit' }] as const) {
    const list = await h.call('recycleBin.list', { ...filter, page: 1, pageSize: 200 });
    const file = await h.call('exports.list', { list: 'recycleBin', format: 'csv', filter });
    const bytes = Buffer.from(file.contentBase64, 'base64');
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').trim().split('\r\n');
    assert.equal(lines[0], '类型,名称,说明,删除人,删除时间');
    assert.equal(file.rows, list.total, JSON.stringify(filter));
    assert.deepEqual(
      lines.slice(1).map((l) => l.split(',').slice(0, 2).join(',')),
      list.items.map((r) => `${r.entity === 'person' ? '人员' : '单位'},${r.title}`),
      JSON.stringify(filter),
    );
  }
  assert.equal((await h.call('recycleBin.list', { entity: 'person', page: 1, pageSize: 200 })).total, 2);

  const file = await h.call('exports.list', { list: 'recycleBin', format: 'xlsx', filter: { entity: 'person' } });
  assert.match(file.fileName, /^回收站_\d{4}-\d{2}-\d{2}\.xlsx$/);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  assert.deepEqual((ws.getRow(1).values as unknown[]).slice(1), ['类型', '名称', '说明', '删除人', '删除时间']);
  assert.equal(ws.views[0]?.state, 'frozen');
  assert.equal(ws.rowCount, 3);
  assert.deepEqual([2, 3].map((r) => ws.getRow(r).getCell(2).value).sort(), ['冯二', '郑一'].sort());
  assert.equal(ws.getRow(2).getCell(4).value, '系统管理员');
  assert.ok(ws.getRow(2).getCell(5).value instanceof Date);
  assert.equal(ws.getRow(2).getCell(5).numFmt, 'yyyy"年"m"月"d"日" hh:mm:ss');
});
