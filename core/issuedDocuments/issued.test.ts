/**
 * Issue 10 §1–2, issue 11 §4/§6, issue 16 §1: what was issued stays what was issued, and a
 * change after 审核 needs a new 审核. Real host, real SQLite file, the real PDF writer.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeHost, type TestHost } from '../testing';
import { measurePdf } from '../print/testing/pdfMeasure';
import { sha256Hex } from '../shared/canonical';

async function setUp(h: TestHost, purpose: '提拔' | '评先评优' = '提拔', replyDate = '2025-07-01') {
  await h.call('opinionSettings.update', { dueWorkingDays: 3, checkSections: [], holidays: [], workingWeekendDays: [] });
  const unit = await h.call('units.create', { name: '市财政局' });
  const zhang = await h.call('people.create', { name: '张三', unitId: unit.id, position: '科长' });
  const li = await h.call('people.create', { name: '李四', unitId: unit.id, position: '副科长' });
  const request = await h.call('opinionRequests.create', {
    requester: '市委组织部',
    requesterDocNumber: '市组函〔2025〕9号',
    title: '关于征求张三等同志党风廉政意见的函',
    receivedDate: '2025-06-30',
    purpose,
    persons: [{ personId: zhang.id }, { personId: li.id }],
  });
  const draft = await h.call('opinionReplies.create', { requestId: request.id, replyDate });
  return { unit, zhang, li, request, draft };
}

async function issue(h: TestHost, id: string) {
  let reply = await h.call('opinionReplies.get', { id });
  reply = await h.call('opinionReplies.review', { id, rev: reply.rev, contentHash: reply.contentHash });
  return h.call('opinionReplies.issue', { id, rev: reply.rev, reviewedHash: reply.reviewedHash! });
}

/** Every later edit a clerk or admin can make to what the letter printed. */
async function editEverything(h: TestHost, s: Awaited<ReturnType<typeof setUp>>) {
  const p = await h.call('people.get', { id: s.zhang.id });
  const edu = await h.call('units.create', { name: '市教育局' });
  await h.call('people.update', { id: p.id, rev: p.rev, name: '张三丰', unitId: edu.id, position: '局长' });
  const u = (await h.call('units.list', {})).find((x) => x.id === s.unit.id)!;
  await h.call('units.update', { ...u, name: '市财政局（更名）' });
  await h.call('settings.update', {
    authorityName: '某某市纪委监委（新）',
    docPrefixes: { opinionReply: '某纪廉复', reminderLetter: '某纪廉提' },
  });
  const ls = await h.call('letterSettings.get', {});
  await h.call('letterSettings.update', { ...ls, contactPerson: '王联系', contactPhone: '0731-7654321', inlineMaxPersons: 1 });
  // a sanction and a pending matter registered after the reply was issued (issue 11 §4)
  await h.call('sanctions.create', {
    personId: s.li.id,
    category: 'party',
    type: '警告',
    decisionAuthority: '市纪委',
    decisionDate: '2025-06-01',
    effectiveDate: '2025-06-02',
  });
}

test('an issued reply prints the same after the person, unit, authority and letter settings change; the detail page lists the differences', async (t) => {
  const h = await makeHost({ now: () => new Date('2025-07-01T09:00:00+08:00') });
  t.after(() => h.close());
  const s = await setUp(h);
  const issued = await issue(h, s.draft.id);
  assert.equal(issued.status, 'issued');
  assert.ok(issued.issuedDocument, 'stored at 签发');
  assert.equal(issued.issuedDocument.reconstructed, false);
  const request = { kind: 'replyLetters' as const, replyIds: [issued.id] };
  const before = await h.call('print.document', { request });
  assert.ok(before.html.includes('张三') && before.html.includes('市财政局科长') && before.html.includes('某某市纪委监委'));

  await editEverything(h, s);

  const afterEdit = await h.call('print.document', { request });
  assert.equal(afterEdit.html, before.html, 'the letter is laid out from the stored copy');
  assert.equal(afterEdit.fileName, before.fileName);
  assert.ok(!afterEdit.html.includes('张三丰') && !afterEdit.html.includes('某某市纪委监委（新）') && !afterEdit.html.includes('王联系'));
  const detail = await h.call('opinionReplies.get', { id: issued.id });
  assert.equal(detail.issuedDocument!.sha256, issued.issuedDocument.sha256);
  const notes = detail.issuedDocument!.differences.join('\n');
  assert.match(notes, /发文机关名称：存档公文为“某某市纪委监委”，现有记录为“某某市纪委监委（新）”/);
  assert.match(notes, /姓名：存档公文为“张三”，现有记录为“张三丰”/);
  assert.match(notes, /单位职务：存档公文为“市财政局科长”，现有记录为“市教育局局长”/);
  assert.match(notes, /李四的单位职务：存档公文为“市财政局副科长”，现有记录为“市财政局（更名）副科长”/);
  assert.match(notes, /联系人：存档公文为“（空）”，现有记录为“王联系”/);
  // the sanction registered after 签发 is in the dossier; the letter still gives the opinion issued
  assert.equal((await h.call('sanctions.list', { personId: s.li.id })).length, 1);
  const li = detail.items.find((i) => i.person.id === s.li.id)!;
  assert.equal(li.category, 'clear');
  assert.ok(afterEdit.html.includes(li.wording.slice(0, 20)));
});

test('the first PDF after 签发 is kept and every later PDF is the same bytes, whatever changed since', async (t) => {
  const h = await makeHost({ now: () => new Date('2025-07-01T09:00:00+08:00') });
  t.after(() => h.close());
  const s = await setUp(h);
  const issued = await issue(h, s.draft.id);
  const request = { kind: 'replyLetters' as const, replyIds: [issued.id] };
  const first = await h.call('print.pdf', { request });
  const firstBytes = Buffer.from(first.pdfBase64, 'base64');
  const firstText = (await measurePdf(firstBytes)).map((p) => p.text.replace(/\s/g, '')).join('');
  assert.ok(firstText.includes('某纪廉复〔2025〕1号') && firstText.includes('张三（市财政局科长）'));
  const kept = await h.call('opinionReplies.get', { id: issued.id });
  assert.equal(kept.issuedDocument!.pdfSha256, sha256Hex(firstBytes));

  await editEverything(h, s);

  const again = await h.call('print.pdf', { request });
  const againBytes = Buffer.from(again.pdfBase64, 'base64');
  assert.equal(sha256Hex(againBytes), sha256Hex(firstBytes), 'byte-identical reprint');
  assert.equal(again.fileName, first.fileName);
  assert.equal(again.pageCount, first.pageCount);
  const againText = (await measurePdf(againBytes)).map((p) => p.text.replace(/\s/g, '')).join('');
  assert.equal(againText, firstText);
  assert.ok(!againText.includes('张三丰'));
});

test('the database refuses to change or delete a stored document, and a copy altered outside the app is reported, not printed', async (t) => {
  const h = await makeHost({ now: () => new Date('2025-07-01T09:00:00+08:00') });
  t.after(() => h.close());
  const s = await setUp(h);
  const issued = await issue(h, s.draft.id);
  const db = h.host.db;
  assert.throws(() => db.prepare("UPDATE issued_documents SET content_json = '{}'").run(), /does not change/);
  assert.throws(() => db.prepare('DELETE FROM issued_documents').run(), /never deleted/);
  db.prepare('UPDATE issued_documents SET pdf = ?, pdf_sha256 = ?').run(Buffer.from('x'), sha256Hex('x'));
  assert.throws(() => db.prepare('UPDATE issued_documents SET pdf = ?, pdf_sha256 = ?').run(Buffer.from('y'), sha256Hex('y')), /set once/);
  // someone with the sqlite3 tool: drops the guard and edits the text
  db.exec('DROP TRIGGER issued_documents_content_fixed');
  db.prepare("UPDATE issued_documents SET content_json = replace(content_json, '张三', '王五')").run();
  const printed = await h.raw('print.document', { request: { kind: 'replyLetters', replyIds: [issued.id] } });
  assert.ok(!printed.ok && printed.error.code === 'CONFLICT' && /校验值不符/.test(printed.error.message));
});

test('a change after 审核 sends the reply back to 待审核 with the reason; 签发 with the old hash is refused in Chinese', async (t) => {
  const h = await makeHost({ now: () => new Date('2025-07-01T09:00:00+08:00') });
  t.after(() => h.close());
  const s = await setUp(h);
  let reply = await h.call('opinionReplies.review', { id: s.draft.id, rev: s.draft.rev, contentHash: s.draft.contentHash });
  assert.equal(reply.status, 'reviewed');
  assert.equal(reply.reviewedHash, s.draft.contentHash);
  const seen = reply; // what the signer's page shows

  // the request's purpose is changed 提拔 → 评先评优 after review
  const req = await h.call('opinionRequests.get', { id: s.request.id });
  const updated = await h.call('opinionRequests.update', { ...req, purpose: '评先评优' });
  assert.equal(updated.replyStatus, 'draft');
  reply = await h.call('opinionReplies.get', { id: s.draft.id });
  assert.equal(reply.status, 'draft');
  assert.match(reply.reviewResetReason ?? '', /来函用途由“提拔”改为“评先评优”.*须重新审核/);
  assert.notEqual(reply.contentHash, seen.reviewedHash);

  const refused = await h.raw('opinionReplies.issue', { id: seen.id, rev: seen.rev, reviewedHash: seen.reviewedHash });
  assert.ok(!refused.ok);
  assert.equal(refused.error.code, 'CONFLICT');
  assert.match(refused.error.message, /不能签发：审核后来函用途由“提拔”改为“评先评优”/);
  assert.equal((await h.call('opinionReplies.get', { id: s.draft.id })).docNumber, null);

  // reviewed again (after 重新核查 for the new purpose), a person's unit changes: back again
  reply = await h.call('opinionReplies.reassess', { id: reply.id, rev: reply.rev, replyDate: '2025-07-01' });
  reply = await h.call('opinionReplies.review', { id: reply.id, rev: reply.rev, contentHash: reply.contentHash });
  const p = await h.call('people.get', { id: s.li.id });
  await h.call('people.update', { id: p.id, rev: p.rev, name: p.name, unitId: p.unitId, position: '科长' });
  reply = await h.call('opinionReplies.get', { id: reply.id });
  assert.equal(reply.status, 'draft');
  assert.match(reply.reviewResetReason ?? '', /李四的单位职务由“市财政局副科长”改为“市财政局科长”/);

  // a review of content the reviewer did not see is refused; a wrong hash at 签发 too
  const staleReview = await h.raw('opinionReplies.review', { id: reply.id, rev: reply.rev, contentHash: seen.contentHash });
  assert.ok(!staleReview.ok && /请刷新后核对再审核/.test(staleReview.error.message));
  reply = await h.call('opinionReplies.review', { id: reply.id, rev: reply.rev, contentHash: reply.contentHash });
  const wrong = await h.raw('opinionReplies.issue', { id: reply.id, rev: reply.rev, reviewedHash: seen.reviewedHash });
  assert.ok(!wrong.ok && /与审核通过的内容不一致/.test(wrong.error.message));
  const missing = await h.raw('opinionReplies.issue', { id: reply.id, rev: reply.rev });
  assert.ok(!missing.ok && missing.error.code === 'VALIDATION' && /校验值/.test(missing.error.message));
  const ok = await h.call('opinionReplies.issue', { id: reply.id, rev: reply.rev, reviewedHash: reply.reviewedHash! });
  assert.equal(ok.status, 'issued');
  assert.equal(ok.reviewResetReason, null);
});

test('the number’s year is the year of the printed 成文日期 (the 签发 day); the letter says 截至 the check date; a check dated after 签发 is refused', async (t) => {
  let clock = new Date('2027-01-02T10:00:00+08:00');
  const h = await makeHost({ now: () => clock });
  t.after(() => h.close());
  const s = await setUp(h, '提拔', '2026-12-30');
  let reply = await h.call('opinionReplies.get', { id: s.draft.id });
  assert.equal(reply.letterDate, '2027-01-02', 'shown to the signer before 签发');
  assert.equal(reply.replyDate, '2026-12-30');
  const issued = await issue(h, reply.id);
  assert.equal(issued.docNumber, '某纪廉复〔2027〕1号');
  assert.equal(issued.letterDate, '2027-01-02');
  const doc = await h.call('print.document', { request: { kind: 'replyLetters', replyIds: [issued.id] } });
  const text = doc.html.replace(/<[^>]+>/g, '');
  assert.ok(text.includes('2027年1月2日'), 'printed 成文日期');
  assert.ok(text.includes('截至2026年12月30日'), 'the check date is said');

  // a check "as of" a day after the signing day would state facts not yet known
  clock = new Date('2027-01-05T10:00:00+08:00');
  const req2 = await h.call('opinionRequests.create', {
    requester: '市委组织部',
    title: '关于征求李四同志意见的函',
    receivedDate: '2027-01-04',
    purpose: '提拔',
    persons: [{ personId: s.li.id }],
  });
  const future = await h.call('opinionReplies.create', { requestId: req2.id, replyDate: '2027-01-08' });
  reply = await h.call('opinionReplies.review', { id: future.id, rev: future.rev });
  const refused = await h.raw('opinionReplies.issue', { id: reply.id, rev: reply.rev, reviewedHash: reply.reviewedHash! });
  assert.ok(!refused.ok && /核查截至日期（2027年1月8日）晚于签发日期（2027年1月5日）/.test(refused.error.message));
});

test('an issued 提醒函 prints the same after its units and the authority are renamed; its number’s year is that of its 成文日期', async (t) => {
  const h = await makeHost({ now: () => new Date('2026-01-03T10:00:00+08:00') });
  t.after(() => h.close());
  const unit = await h.call('units.create', { name: '市财政局' });
  let d = await h.call('reminderLetters.create', {
    title: '关于2026年元旦春节期间严明纪律要求的廉洁提醒函',
    kind: '节日提醒',
    occasion: '元旦春节',
    year: 2025,
    letterDate: '2025-12-30',
    keyPoints: ['严禁违规收送节礼'],
    body: '元旦、春节将至……',
    unitIds: [unit.id],
  });
  d = await h.call('reminderLetters.issue', { id: d.id, rev: d.rev });
  assert.equal(d.docNumber, '某纪廉提〔2025〕1号', 'dated 2025-12-30, issued 2026-01-03: the year of the printed date');
  assert.ok(d.issuedDocument);
  const request = { kind: 'reminderLetter' as const, letterId: d.id };
  const before = await h.call('print.document', { request });
  await h.call('units.update', { id: unit.id, rev: unit.rev, name: '市财政局（新）', sortOrder: 0 });
  await h.call('settings.update', {
    authorityName: '某某市纪委监委（新）',
    docPrefixes: { opinionReply: '某纪廉复', reminderLetter: '某纪廉提' },
  });
  const afterEdit = await h.call('print.document', { request });
  assert.equal(afterEdit.html, before.html);
  const detail = await h.call('reminderLetters.get', { id: d.id });
  assert.match(detail.issuedDocument!.differences.join('\n'), /主送：存档公文为“市财政局”，现有记录为“市财政局（新）”/);
});

test('a campaign’s 承诺书 text is fixed at the first signature: forms print it, edits of the text are refused', async (t) => {
  const h = await makeHost({ now: () => new Date('2025-07-01T10:00:00+08:00') });
  t.after(() => h.close());
  const unit = await h.call('units.create', { name: '市财政局' });
  await h.call('people.create', { name: '张三', unitId: unit.id });
  await h.call('people.create', { name: '李四', unitId: unit.id });
  const fields = {
    pledgeType: '不操办升学宴谢师宴',
    title: '2025年承诺',
    year: 2025,
    startDate: '2025-06-20',
    templateText: '本人郑重承诺：不操办升学宴。',
  };
  let c = await h.call('pledgeCampaigns.create', fields);
  await h.call('pledgeRoster.add', { campaignId: c.id, unitIds: [unit.id] });
  // before anyone signs, the text can still be corrected
  c = await h.call('pledgeCampaigns.update', { id: c.id, rev: c.rev, ...fields, templateText: '本人郑重承诺：不操办、不参加升学宴。' });
  assert.equal(c.officialForm, null);
  const roster = (await h.call('pledgeRoster.list', { campaignId: c.id })).items;
  await h.call('pledgeRoster.signoff', { rosterId: roster[0]!.id, rev: roster[0]!.rev, signed: true, signedDate: '2025-06-25' });
  c = await h.call('pledgeCampaigns.get', { id: c.id });
  assert.ok(c.officialForm);
  const refused = await h.raw('pledgeCampaigns.update', { id: c.id, rev: c.rev, ...fields, templateText: '改过的文本。' });
  assert.ok(!refused.ok && refused.error.code === 'CONFLICT' && /已正式打印或已有人签订/.test(refused.error.message));
  // the batch name is not on the form: still editable
  c = await h.call('pledgeCampaigns.update', {
    id: c.id,
    rev: c.rev,
    ...fields,
    templateText: '本人郑重承诺：不操办、不参加升学宴。',
    title: '2025年承诺（更名）',
  });
  const forms = await h.call('print.document', { request: { kind: 'pledgeForms', campaignId: c.id } });
  assert.ok(forms.html.includes('不参加升学宴'));
});
