import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { makeHost, type TestHost } from '../testing';
import type { ImportKind, ImportPreview } from './importContract';

const b64 = (b: Buffer) => b.toString('base64');
async function xlsx(rows: (string | number | Date | null)[][]): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('表1');
  for (const r of rows) ws.addRow(r);
  return b64(Buffer.from(await wb.xlsx.writeBuffer()));
}
const count = (h: TestHost, sql: string) => h.host.db.prepare(sql).pluck().get() as number;
const commitValid = (h: TestHost, kind: ImportKind, p: ImportPreview, extra: { campaignId?: string } = {}) =>
  h.call('imports.commit', {
    kind,
    existing: 'update',
    ...extra,
    rows: p.rows.filter((r) => r.status !== 'invalid').map((r) => ({ line: r.line, expect: r.status as 'new', values: r.values })),
  });
const reasonOf = (p: ImportPreview, line: number) => p.rows.find((r) => r.line === line)?.reason ?? '';

async function register(h: TestHost) {
  const finance = await h.call('units.create', { name: '市财政局' });
  const tax = await h.call('units.create', { name: '市税务局' });
  const zhang = await h.call('people.create', { name: '张伟', unitId: finance.id, birthMonth: '1975-03' });
  await h.call('people.create', { name: '王芳', unitId: finance.id });
  await h.call('people.create', { name: '王芳', unitId: tax.id });
  await h.call('people.create', { name: '李强', unitId: tax.id });
  return { finance, tax, zhang };
}

test('sanctions from the Excel ledger: per-row Chinese reasons, namesakes told apart by unit, duplicates, nothing written before confirming', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const { zhang } = await register(h);
  await h.call('sanctions.create', {
    personId: zhang.id,
    category: 'government',
    type: '记过',
    decisionAuthority: '市监委',
    decisionNumber: '市监处〔2023〕1号',
    decisionDate: '2023-04-01',
    effectiveDate: '2023-04-01',
    summary: null,
  });
  const file = await xlsx([
    ['姓名', '单位', '处分类别', '处分种类', '决定机关', '决定文号', '决定日期', '主要事实'],
    ['李强', '市税务局', '党纪处分', '警告', '市纪委', '市纪处〔2024〕3号', new Date(Date.UTC(2024, 4, 10)), '违规收受礼品'], // 2 new, a real date cell
    ['王芳', '', '政务处分', '记过', '市监委', '', '2024.6.1', null], // 3 two 王芳
    ['王芳', '市税务局', '', '记大过', '市监委', '', '2024年6月2日', null], // 4 new: unit tells her apart, category from type
    ['赵敏', '市财政局', '政务处分', '警告', '市监委', '', '2024-06-03', null], // 5 nobody
    ['李强', '', '', '警告', '市纪委', '', '2024-06-04', null], // 6 警告 is both
    ['张伟', '', '政务处分', '记过', '市监委', '市监处〔2023〕1号', '2023-04-01', null], // 7 held, unchanged
    ['张伟', '', '政务处分', '记过', '市监委', '市监处〔2023〕1号', '2023-04-01', '新补充的事实'], // 8 same record twice
    ['李强', '', '政务处分', '降薪', '市监委', '', '2024-06-05', null], // 9 no such type
    ['李强', '', '党纪处分', '警告', '市纪委', '', '2024-02-30', null], // 10 no such day
  ]);
  const auditBefore = count(h, 'SELECT count(*) FROM audit_log');
  const p = await h.call('imports.preview', { kind: 'sanctions', fileName: '处分台账.xlsx', contentBase64: file });
  assert.deepEqual(
    p.rows.map((r) => r.status),
    ['new', 'invalid', 'new', 'invalid', 'invalid', 'unchanged', 'invalid', 'invalid', 'invalid'],
  );
  assert.match(reasonOf(p, 3), /人员库中有2位“王芳”，请填写单位、出生年月或身份证号以区分/);
  assert.match(reasonOf(p, 5), /人员库中没有市财政局的“赵敏”/);
  assert.match(reasonOf(p, 6), /警告”可以是党纪处分或政务处分，请填写处分类别/);
  assert.match(reasonOf(p, 8), /与第7行是同一条记录/);
  assert.match(reasonOf(p, 9), /政务处分的种类只能是/);
  assert.match(reasonOf(p, 10), /决定日期应为有效日期/);
  assert.equal(p.rows[0]!.values.decisionDate, '2024-05-10');
  assert.equal(p.rows[2]!.values.decisionDate, '2024-06-02');
  // the preview ran the real handlers and rolled them back: nothing written, not even an audit entry
  assert.equal(count(h, 'SELECT count(*) FROM sanctions'), 1);
  assert.equal(count(h, 'SELECT count(*) FROM audit_log'), auditBefore);

  const r = await commitValid(h, 'sanctions', p);
  assert.deepEqual(r, { created: 2, updated: 0, unchanged: 1, skipped: 0, unitsCreated: 0 });
  const li = h.host.db.prepare("SELECT s.* FROM sanctions s JOIN people p ON p.id = s.person_id WHERE p.name = '李强'").all() as {
    id: string;
    category: string;
    type: string;
    decision_date: string;
  }[];
  assert.deepEqual(
    li.map((s) => [s.category, s.type, s.decision_date]),
    [['party', '警告', '2024-05-10']],
  );
  // through the Writer: a create entry per record, by the clerk who confirmed
  const entry = h.host.db
    .prepare("SELECT user_id FROM audit_log WHERE action = 'create' AND entity = 'sanctions' AND entity_id = ?")
    .get(li[0]!.id) as { user_id: string } | undefined;
  assert.ok(entry?.user_id);

  // the same file again: nothing new; a changed fact updates the held record
  const again = await h.call('imports.preview', { kind: 'sanctions', fileName: '处分台账.xlsx', contentBase64: file });
  assert.deepEqual(again.counts, { new: 0, update: 0, unchanged: 3, invalid: 6 });
  const edited = await xlsx([
    ['姓名', '处分类别', '处分种类', '决定机关', '决定文号', '决定日期', '主要事实'],
    ['张伟', '政务处分', '记过', '市监委', '市监处〔2023〕1号', '2023-04-01', '新补充的事实'],
  ]);
  const up = await h.call('imports.preview', { kind: 'sanctions', fileName: 'a.xlsx', contentBase64: edited });
  assert.equal(up.rows[0]!.status, 'update');
  assert.match(up.rows[0]!.reason!, /主要事实/);
  assert.equal((await commitValid(h, 'sanctions', up)).updated, 1);
  assert.equal(count(h, "SELECT count(*) FROM sanctions WHERE summary = '新补充的事实'"), 1);
});

test('all or none: a row that no longer checks out at confirmation stops the whole import', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  await register(h);
  const file = await xlsx([
    ['姓名', '单位', '事项类别', '受理日期', '状态', '办结日期', '办结结果'],
    ['李强', '', '问题线索', '2024-03-01', '', '', ''],
    ['张伟', '', '信访举报', '2024-03-02', '已办结', '2024-04-01', '了结'],
  ]);
  const p = await h.call('imports.preview', { kind: 'pendingMatters', fileName: 'x.xlsx', contentBase64: file });
  assert.deepEqual(p.counts, { new: 2, update: 0, unchanged: 0, invalid: 0 });
  // someone moves 张伟 to the 回收站 before the clerk confirms
  const zhangId = h.host.db.prepare("SELECT id FROM people WHERE name = '张伟'").pluck().get() as string;
  await h.call('people.delete', { id: zhangId });
  const auditBefore = count(h, 'SELECT count(*) FROM audit_log');
  await assert.rejects(commitValid(h, 'pendingMatters', p), (e: Error) => /第3行：人员库中没有“张伟”.*全部未导入/.test(e.message));
  assert.equal(count(h, 'SELECT count(*) FROM pending_matters'), 0);
  assert.equal(count(h, 'SELECT count(*) FROM audit_log'), auditBefore);
});

test('pending matters from a GBK CSV: kinds by their Chinese names, the closing rules, the same matter twice', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  await register(h);
  const csv = iconv.encode(
    [
      '姓名,单位,事项类别,来源,受理日期,反映的主要问题,状态,办结日期,办结结果',
      '李强,市税务局,问题线索,巡察移交,2024/3/1,违规发放津贴,在办,,',
      '张伟,,立案审查调查,,2024-03-05,,已办结,2024-05-01,给予政务处分',
      '张伟,,信访举报,,2024-03-06,,已办结,,', // closed without date and result
      '李强,,问题线索,,2024-03-01,,,,', // the same matter as line 2
      '李强,,谈话,,2024-03-07,,,,', // no such kind
    ].join('\r\n'),
    'gbk',
  );
  const p = await h.call('imports.preview', { kind: 'pendingMatters', fileName: '在查事项.csv', contentBase64: b64(csv) });
  assert.deepEqual(
    p.rows.map((r) => r.status),
    ['new', 'new', 'invalid', 'invalid', 'invalid'],
  );
  assert.match(reasonOf(p, 4), /已办结的事项须填写办结日期；已办结的事项须填写办结结果/);
  assert.match(reasonOf(p, 5), /与第2行是同一条记录/);
  assert.match(reasonOf(p, 6), /事项类别只能是/);
  const r = await commitValid(h, 'pendingMatters', p);
  assert.equal(r.created, 2);
  const rows = h.host.db.prepare('SELECT kind, received_date, status, source FROM pending_matters ORDER BY received_date').all();
  assert.deepEqual(rows, [
    { kind: 'lead', received_date: '2024-03-01', status: '在办', source: '巡察移交' },
    { kind: 'case', received_date: '2024-03-05', status: '已办结', source: null },
  ]);
  // the history the dossier shows was written too (received, closed)
  assert.equal(count(h, 'SELECT count(*) FROM pending_matter_events'), 3);
});

test('a pledge roster into a chosen campaign: signatures with the sign-off rules, people already listed', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const { zhang } = await register(h);
  const c = await h.call('pledgeCampaigns.create', {
    pledgeType: '廉洁过节',
    title: '2025年廉洁过节承诺',
    year: 2025,
    startDate: '2025-01-10',
    templateText: '本人承诺……',
  });
  await h.call('pledgeRoster.add', { campaignId: c.id, personIds: [zhang.id] });
  const file = await xlsx([
    ['姓名', '单位', '签订日期', '签订方式', '共同签名人姓名', '与本人关系'],
    ['李强', '市税务局', '2025-01-12', '集中', '刘丽', '配偶'], // 2 new, signed
    ['王芳', '市财政局', '', '', '', ''], // 3 new, only listed
    ['王芳', '市税务局', '2025-01-12', '', '', ''], // 4 this pledge needs a co-signer (a handler rule, seen in the preview)
    ['张伟', '', '2025-01-05', '', '张某', '配偶'], // 5 before the campaign began
  ]);
  await assert.rejects(
    h.call('imports.preview', { kind: 'pledgeRoster', fileName: 'x.xlsx', contentBase64: file }),
    /请先选择要导入名单的承诺批次/,
  );
  const p = await h.call('imports.preview', { kind: 'pledgeRoster', campaignId: c.id, fileName: '名单.xlsx', contentBase64: file });
  assert.deepEqual(
    p.rows.map((r) => r.status),
    ['new', 'new', 'invalid', 'invalid'],
  );
  assert.match(reasonOf(p, 4), /须有家属共同签名/);
  assert.match(reasonOf(p, 5), /签订日期不能早于本批次开始日期/);
  assert.equal(count(h, 'SELECT count(*) FROM pledge_roster'), 1);
  const r = await commitValid(h, 'pledgeRoster', p, { campaignId: c.id });
  assert.equal(r.created, 2);
  const detail = await h.call('pledgeCampaigns.get', { id: c.id });
  assert.equal(detail.rosterCount, 3);
  assert.equal(detail.signedCount, 1);
});

test('every kind has a template whose headers the import recognises; the request name list reads GBK through the bounded reader', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  for (const kind of ['people', 'sanctions', 'pendingMatters', 'pledgeRoster', 'requestList'] as const) {
    const tpl = await h.call('imports.template', { kind });
    assert.match(tpl.fileName, /导入模板\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(tpl.contentBase64, 'base64') as unknown as ArrayBuffer);
    assert.equal(wb.worksheets.length, 2);
    assert.equal(wb.worksheets[0]!.getRow(1).getCell(1).value, '姓名');
    if (kind === 'requestList') continue;
    // the template, filled with one row, maps every column by itself
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(1).values as string[]).slice(1);
    const p = await h
      .call('imports.preview', {
        kind,
        campaignId: null,
        fileName: 't.csv',
        contentBase64: b64(Buffer.from(`${headers.join(',')}\r\n某某${',x'.repeat(headers.length - 1)}\r\n`)),
      })
      .catch((e: Error) => e);
    if (p instanceof Error) {
      assert.equal(kind, 'pledgeRoster');
      continue;
    }
    assert.ok(
      Object.values(p.mapping).every((v) => v !== null),
      `${kind}: ${JSON.stringify(p.mapping)}`,
    );
  }
  await register(h);
  const list = iconv.encode('序号,姓名,工作单位,职务\r\n1,王芳,市税务局,科长\r\n2,李强,,\r\n', 'gbk');
  const lines = await h.call('opinionRequests.importFile', { fileName: '名单.csv', contentBase64: b64(list) });
  assert.equal(lines.length, 2);
  assert.deepEqual(
    lines.map((l) => [l.name, l.unitText, l.positionText, l.status]),
    [
      ['王芳', '市税务局', '科长', 'matched'],
      ['李强', null, null, 'matched'],
    ],
  );
});
