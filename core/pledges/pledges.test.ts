import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeHost } from '../testing';

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)]);

test('a 升学宴 campaign for 20 people from two units: 15 signed (one with a scan) → 75% and the five missing', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const a = await h.call('units.create', { name: '市财政局' });
  const b = await h.call('units.create', { name: '市教育局' });
  for (let i = 0; i < 20; i++)
    await h.call('people.create', { name: `干部${'甲乙丙丁戊己庚辛壬癸'[i % 10]}${i < 10 ? '一' : '二'}`, unitId: i < 10 ? a.id : b.id });
  const c = await h.call('pledgeCampaigns.create', {
    pledgeType: '不操办升学宴谢师宴',
    title: '2025年不操办升学宴谢师宴承诺',
    year: 2025,
    startDate: '2025-06-20',
    templateText: '本人郑重承诺：不操办、不参加升学宴、谢师宴……',
  });
  assert.equal(c.needsCosigner, false);
  const added = await h.call('pledgeRoster.add', { campaignId: c.id, unitIds: [a.id, b.id] });
  assert.deepEqual(added, { added: 20, alreadyIn: [] });
  const again = await h.call('pledgeRoster.add', { campaignId: c.id, unitIds: [a.id] });
  assert.equal(again.added, 0);
  assert.equal(again.alreadyIn.length, 10);

  const roster = (await h.call('pledgeRoster.list', { campaignId: c.id, pageSize: 50 })).items;
  const early = await h.raw('pledgeRoster.signoff', {
    rosterId: roster[0]!.id,
    rev: roster[0]!.rev,
    signed: true,
    signedDate: '2025-06-01',
  });
  assert.ok(!early.ok && early.error.fields?.signedDate);
  await h.call('pledgeRoster.bulkSignoff', { campaignId: c.id, rosterIds: roster.slice(0, 14).map((r) => r.id), signedDate: '2025-06-25' });
  await h.call('pledgeRoster.signoff', {
    rosterId: roster[14]!.id,
    rev: roster[14]!.rev,
    signed: true,
    signedDate: '2025-06-26',
    signMethod: '个别',
    copies: ['本人', '纪委'],
  });
  const withScan = await h.call('pledgeRoster.uploadScan', {
    rosterId: roster[14]!.id,
    fileName: '承诺书.png',
    contentBase64: PNG.toString('base64'),
  });
  assert.equal(withScan.scan?.mime, 'image/png');
  const scan = await h.call('pledgeRoster.getScan', { rosterId: roster[14]!.id });
  assert.equal(Buffer.from(scan.contentBase64, 'base64').equals(PNG), true);

  const detail = await h.call('pledgeCampaigns.get', { id: c.id });
  assert.equal(detail.signedCount, 15);
  assert.equal(detail.completion, 0.75);
  const missing = await h.call('pledgeRoster.list', { campaignId: c.id, filter: 'unsigned' });
  assert.equal(missing.total, 5);
  assert.equal(
    detail.byUnit.reduce((n, u) => n + u.total - u.signed, 0),
    5,
  );

  // a signed person cannot be dropped from the roster
  const drop = await h.raw('pledgeRoster.remove', { rosterId: roster[0]!.id });
  assert.ok(!drop.ok && drop.error.message.includes('已签订'));
  // the person's page lists the pledge
  const dossier = await h.call('people.dossier', { id: roster[0]!.person.id });
  assert.deepEqual(
    dossier.pledges.map((p) => [p.title, p.signed]),
    [['2025年不操办升学宴谢师宴承诺', true]],
  );
});

test('scans are checked by content and size; a renamed document is refused and nothing is stored', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const p = await h.call('people.create', { name: '张三' });
  const c = await h.call('pledgeCampaigns.create', {
    pledgeType: '廉洁过节',
    title: '2025年廉洁过节承诺',
    year: 2025,
    startDate: '2025-01-10',
    templateText: '……',
  });
  assert.equal(c.needsCosigner, true);
  await h.call('pledgeRoster.add', { campaignId: c.id, personIds: [p.id] });
  const [entry] = (await h.call('pledgeRoster.list', { campaignId: c.id })).items;
  const fake = await h.raw('pledgeRoster.uploadScan', {
    rosterId: entry!.id,
    fileName: '扫描.jpg',
    contentBase64: Buffer.from('MZ this is an exe').toString('base64'),
  });
  assert.ok(!fake.ok && fake.error.message.includes('不是图片'));
  const big = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
  const tooBig = await h.raw('pledgeRoster.uploadScan', { rosterId: entry!.id, fileName: '大.png', contentBase64: big.toString('base64') });
  assert.ok(!tooBig.ok && /超过|不能超过/.test(tooBig.error.message));
  assert.equal((await h.call('pledgeRoster.list', { campaignId: c.id })).items[0]!.scan, null);
  // 廉洁过节 needs the family co-signer
  const noCosigner = await h.raw('pledgeRoster.signoff', { rosterId: entry!.id, rev: entry!.rev, signed: true, signedDate: '2025-01-15' });
  assert.ok(!noCosigner.ok && noCosigner.error.fields?.cosignerName);
  const signed = await h.call('pledgeRoster.signoff', {
    rosterId: entry!.id,
    rev: entry!.rev,
    signed: true,
    signedDate: '2025-01-15',
    cosignerName: '李梅',
    cosignerRelation: '配偶',
  });
  assert.equal(signed.cosignerName, '李梅');
  const breach = await h.call('pledgeRoster.breachCheck', {
    rosterId: entry!.id,
    rev: signed.rev,
    checkedOn: '2025-02-20',
    result: '经核查，未发现违反承诺情况',
  });
  assert.equal(breach.breachResult, '经核查，未发现违反承诺情况');
});

test('sign-offs and receipts cannot be dated in the future', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const p = await h.call('people.create', { name: '张三' });
  const c = await h.call('pledgeCampaigns.create', {
    pledgeType: '领导干部廉政承诺',
    title: '廉政承诺',
    year: 2025,
    startDate: '2025-01-10',
    templateText: '……',
  });
  await h.call('pledgeRoster.add', { campaignId: c.id, personIds: [p.id] });
  const [entry] = (await h.call('pledgeRoster.list', { campaignId: c.id })).items;
  const future = await h.raw('pledgeRoster.signoff', { rosterId: entry!.id, rev: entry!.rev, signed: true, signedDate: '2099-01-01' });
  assert.ok(!future.ok && future.error.fields?.signedDate === '签订日期晚于今天');
});

test('名单 pages: every person once across pages, in unit order, with the filtered total (paged())', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const a = await h.call('units.create', { name: '市财政局' });
  const b = await h.call('units.create', { name: '市教育局' });
  // Same names in both units: the order within a unit must still split pages cleanly.
  for (let i = 0; i < 12; i++) await h.call('people.create', { name: `干部${'甲乙丙'[i % 3]}`, unitId: i % 2 ? b.id : a.id });
  const c = await h.call('pledgeCampaigns.create', {
    pledgeType: '不操办升学宴谢师宴',
    title: '2025年承诺',
    year: 2025,
    startDate: '2025-06-20',
    templateText: '本人郑重承诺……',
  });
  await h.call('pledgeRoster.add', { campaignId: c.id, unitIds: [a.id, b.id] });
  const pages = [];
  for (const page of [1, 2, 3]) pages.push(await h.call('pledgeRoster.list', { campaignId: c.id, page, pageSize: 5 }));
  assert.deepEqual(
    pages.map((p) => [p.total, p.page, p.pageSize, p.items.length]),
    [
      [12, 1, 5, 5],
      [12, 2, 5, 5],
      [12, 3, 5, 2],
    ],
  );
  const ids = pages.flatMap((p) => p.items.map((e) => e.id));
  assert.equal(new Set(ids).size, 12, 'no one twice, no one left out');
  const units = pages.flatMap((p) => p.items.map((e) => e.person.unitId));
  // unit by unit, in the units' order (sort order, then name: 市教育局 before 市财政局 by code point)
  assert.deepEqual(units, [...Array(6).fill(b.id), ...Array(6).fill(a.id)]);
  const oneUnit = await h.call('pledgeRoster.list', { campaignId: c.id, unitId: b.id, page: 2, pageSize: 4 });
  assert.deepEqual([oneUnit.total, oneUnit.items.length], [6, 2]);
});
