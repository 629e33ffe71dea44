/**
 * Recusal (回避), issue 13 §3, at the API boundary and for every channel of core/api.ts:
 * an account named on a person's recusal list cannot find, open, draft, review, sign,
 * print, export or count that person or any record about them. The channel lists come
 * from the contract, so a new channel is checked the day it is added: a reading channel
 * whose input `{}` does not satisfy must get a sample input below, or this test fails.
 */
import assert from 'node:assert/strict';
import { before, after, test } from 'node:test';
import { seedRegister } from '../../bench/seed/people';
import { seedYear } from '../../bench/seed/year';
import { api, CHANNELS, type Channel } from '../api';
import { makeHost, type TestHost } from '../testing';
import { ROLES } from '../users/contract';
import { hiddenRecordIds } from './hidden';

const NAME = '回避测试甲';
const RANGE = { from: '2025-01-01', to: '2025-12-31' };
let h: TestHost;
let admin: string;
let relative: string;
let relativeId: string;
let world: {
  person: string;
  other: string;
  request: string;
  reply: string;
  letter: string;
  campaign: string;
  sanction: string;
  roster: string;
  clearance: string;
};
let hidden: ReadonlySet<string>;

before(async () => {
  h = await makeHost();
  const db = h.host.db;
  seedRegister(db, { people: 120, seed: 3 });
  seedYear(db, { year: 2025, records: 500, seed: 5 });
  // The person with records of the most kinds becomes the recused one, under a name no one else has.
  const person = db
    .prepare(
      `SELECT p.id FROM people p ORDER BY
        (EXISTS (SELECT 1 FROM sanctions WHERE person_id = p.id)) + (EXISTS (SELECT 1 FROM pending_matters WHERE person_id = p.id))
        + (EXISTS (SELECT 1 FROM revisits WHERE person_id = p.id)) + (EXISTS (SELECT 1 FROM opinion_reply_items WHERE person_id = p.id))
        + (EXISTS (SELECT 1 FROM pledge_roster WHERE person_id = p.id)) DESC, p.id LIMIT 1`,
    )
    .pluck()
    .get() as string;
  db.prepare('UPDATE people SET name = ? WHERE id = ?').run(NAME, person);
  const other = db.prepare('SELECT id FROM people WHERE id <> ? AND deleted_at IS NULL LIMIT 1').pluck().get(person) as string;
  admin = h.session!;
  // What the seed has not given this person: a clearance, a request and its draft reply, a reminder letter to them.
  const clearance = await h.call('clearances.create', { personId: person, clearDate: '2025-04-10', form: '会议' });
  const request = await h.call('opinionRequests.create', {
    requester: '市委组织部',
    requesterDocNumber: '市组干函〔2025〕901号',
    title: '关于征求意见的函',
    receivedDate: '2025-06-30',
    purpose: '提拔',
    persons: [{ personId: person, unitText: null, positionText: null }],
  });
  const reply = await h.call('opinionReplies.create', { requestId: request.id, replyDate: '2025-07-01' });
  const letter = await h.call('reminderLetters.create', {
    title: '廉洁提醒函',
    kind: '节日提醒',
    occasion: '中秋国庆',
    year: 2025,
    letterDate: '2025-09-25',
    periodFrom: '2025-10-01',
    periodTo: '2025-10-08',
    keyPoints: ['严禁违规收送节礼'],
    body: '中秋、国庆将至……',
    personIds: [person, other],
  });
  const rosterRow = db.prepare('SELECT id, campaign_id FROM pledge_roster WHERE person_id = ? LIMIT 1').get(person) as {
    id: string;
    campaign_id: string;
  };
  const sanction = db.prepare('SELECT id FROM sanctions WHERE person_id = ? LIMIT 1').pluck().get(person) as string;
  world = {
    person,
    other,
    request: request.id,
    reply: reply.id,
    letter: letter.id,
    campaign: rosterRow.campaign_id,
    sanction,
    roster: rosterRow.id,
    clearance: clearance.id,
  };

  // The account under recusal holds every role, so no role refusal can hide a missing recusal check.
  const created = await h.call('users.create', { username: 'relative', displayName: '亲属', password: 'Relative12345', roles: [...ROLES] });
  relativeId = created.id;
  await h.call('recusals.set', { personId: person, userIds: [relativeId], reason: '近亲属' });
  relative = await h.login('relative', 'Relative12345');
  hidden = hiddenRecordIds(db, relativeId);
});

after(() => h.close());

test('the recusal list is kept by administrators and audited; it hides the person and every record about them', async () => {
  const listed = await h.raw('recusals.get', { personId: world.person }, admin);
  assert.ok(listed.ok);
  assert.deepEqual(
    (listed.value as { username: string; reason: string }[]).map((r) => [r.username, r.reason]),
    [['relative', '近亲属']],
  );
  const audit = h.host.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'person_recusals' AND action = 'create'").pluck().get();
  assert.equal(audit, 1);
  for (const id of Object.entries(world).filter(([k]) => k !== 'other' && k !== 'campaign'))
    assert.ok(hidden.has(id[1]), `${id[0]} is hidden`);
  assert.ok(!hidden.has(world.other) && !hidden.has(world.campaign));
  const unknown = await h.raw(
    'recusals.set',
    { personId: world.person, userIds: ['00000000-0000-7000-8000-000000000000'], reason: null },
    admin,
  );
  assert.ok(!unknown.ok && unknown.error.code === 'VALIDATION' && /不存在/.test(unknown.error.message));
});

test('every channel refuses the recused account an input naming any hidden record, before anything runs', async () => {
  const samples = [world.person, world.sanction, world.request, world.reply, world.letter, world.roster, world.clearance];
  let checked = 0;
  for (const channel of CHANNELS) {
    for (const id of samples) {
      for (const input of [
        { id },
        { personId: id },
        { request: { kind: 'replyPersons', replyId: id } },
        { personIds: [world.other, id] },
      ]) {
        const env = await h.raw(channel, input, relative);
        assert.ok(
          !env.ok && env.error.code === 'NOT_FOUND' && /回避/.test(env.error.message),
          `${channel} ${JSON.stringify(input)}: ${JSON.stringify(env)}`,
        );
        checked++;
      }
    }
  }
  assert.equal(checked, CHANNELS.length * samples.length * 4);
  // The administrator, not recused, opens the same records.
  assert.ok((await h.raw('people.get', { id: world.person }, admin)).ok);
  assert.ok((await h.raw('opinionReplies.get', { id: world.reply }, admin)).ok);
});

/** Inputs for reading channels whose `{}` is not valid; `null`: not a reading channel to call here, with why. */
const SAMPLES: Partial<Record<Channel, (() => unknown) | { skip: string }>> = {
  'people.list': () => ({ query: NAME }),
  'people.get': () => ({ id: world.other }),
  'people.dossier': () => ({ id: world.other }),
  'recusals.get': () => ({ personId: world.other }),
  'sanctions.list': () => ({ personId: world.other }),
  'pendingMatters.list': () => ({ personId: world.other }),
  'clearances.list': () => ({ personId: world.other }),
  'revisits.list': () => ({ personId: world.other }),
  'revisits.due': () => ({ asOf: '2026-06-30' }),
  'statistics.report': () => RANGE,
  'statistics.records': () => ({ ...RANGE, metric: 'replies.persons', page: 1, pageSize: 200 }),
  'exports.list': () => ({ list: 'people', format: 'csv', filter: { query: NAME } }),
  'imports.template': () => ({ kind: 'people' }),
  'imports.preview': { skip: 'reads an uploaded file only; its rows are matched on commit, whose input is checked' },
  'opinionRequests.matchLines': () => ({ lines: [NAME] }),
  'opinionRequests.importFile': () => ({ fileName: '名单.csv', contentBase64: Buffer.from(`姓名\n${NAME}\n`).toString('base64') }),
  'opinionRequests.get': () => ({ id: '00000000-0000-7000-8000-000000000001' }),
  'opinionReplies.get': () => ({ id: '00000000-0000-7000-8000-000000000001' }),
  // One document kind here; every list kind is checked on its own below.
  'print.document': () => ({ request: { kind: 'pledgeForms', campaignId: world.campaign } }),
  'print.pdf': { skip: 'PDF bytes of print.document (checked above) made by Chromium; its input is checked like every channel' },
  'print.pdfStart': { skip: 'the PDF of print.document (checked above), as a job; its input is checked like every channel' },
  'print.pdfJob': { skip: 'a job started by this account (core/host/jobs.ts: only its owner or an administrator sees it)' },
  'print.pdfCancel': { skip: 'a job started by this account (core/host/jobs.ts: only its owner or an administrator cancels it)' },
  'reminderLetters.get': () => ({ id: '00000000-0000-7000-8000-000000000001' }),
  'reminderLetters.lastForOccasion': () => ({ occasion: '中秋国庆', beforeYear: 2026 }),
  'pledgeCampaigns.get': () => ({ id: world.campaign }),
  'pledgeRoster.list': () => ({ campaignId: world.campaign, pageSize: 200 }),
  'pledgeRoster.getScan': () => ({ rosterId: '00000000-0000-7000-8000-000000000001' }),
  'backup.job': () => ({ jobId: 'nosuchjob1' }),
  'backup.cancel': () => ({ jobId: 'nosuchjob1' }),
  'backup.list': () => ({ folder: h.dir }),
  'backup.startCreate': { skip: 'writes a whole-database backup file (a right of its own, #13 §4), no view of records' },
  'backup.startVerify': { skip: 'checks a backup file; shows table counts only' },
  'backup.startRestore': { skip: 'replaces the database' },
  'backup.startRecoveryRestore': { skip: 'only while the live file is damaged' },
  'backup.runAuto': { skip: 'writes a backup file' },
  'backup.setAutoKey': { skip: 'sets a key; returns nothing' },
  'auth.login': { skip: 'public; returns the account only' },
  'auth.logout': { skip: 'would end the session the test uses' },
  'auth.lock': { skip: 'would lock the session the test uses' },
  'auth.unlock': { skip: 'returns nothing' },
};

/** Everything a result shows: its JSON, and a CSV export's text. */
function shown(value: unknown): string {
  const json = JSON.stringify(value);
  const file = value as { mime?: string; contentBase64?: string } | null;
  return file?.mime?.startsWith('text/csv') && file.contentBase64
    ? json + Buffer.from(file.contentBase64, 'base64').toString('utf8')
    : json;
}

test('no reading channel shows the recused account the person or a record about them; the administrator sees them', async () => {
  const seenByAdmin: Channel[] = [];
  for (const channel of CHANNELS) {
    const op = api[channel];
    if (op.writes) continue;
    const sample = SAMPLES[channel];
    if (sample && 'skip' in sample) continue;
    const input = sample ? sample() : {};
    const env = await h.raw(channel, input, relative);
    if (!env.ok) {
      assert.notEqual(env.error.code, 'VALIDATION', `${channel}: add a sample input to SAMPLES (${env.error.message})`);
      assert.ok(!env.error.message.includes(NAME), `${channel}: ${env.error.message}`);
      continue;
    }
    const text = shown(env.value);
    assert.ok(!text.includes(NAME), `${channel} shows the recused person's name to the recused account`);
    for (const id of hidden) assert.ok(!text.includes(id), `${channel} shows a hidden record id ${id}`);
    const asAdmin = await h.raw(channel, input, admin);
    if (asAdmin.ok && shown(asAdmin.value).includes(NAME)) seenByAdmin.push(channel);
  }
  // The check above can fail: the same calls show the person to an account not recused.
  for (const channel of [
    'people.list',
    'statistics.records',
    'exports.list',
    'opinionRequests.matchLines',
    'pledgeRoster.list',
    'print.document',
  ] as Channel[]) {
    assert.ok(seenByAdmin.includes(channel), `${channel} should show ${NAME} to the administrator (seen by: ${seenByAdmin.join(', ')})`);
  }
});

test('every list document on print.document leaves the person out for the recused account, and shows them to the administrator', async () => {
  // What each list shows of the person: their name, or (a list of requests) the request's own number (unique here).
  for (const [request, marker] of [
    [{ kind: 'repliesList' }, NAME],
    [{ kind: 'requestsList' }, '市组干函'], // the number wraps in its cell: its first line
    [{ kind: 'pledgeForms', campaignId: world.campaign }, NAME],
  ] as const) {
    const mine = await h.raw('print.document', { request }, relative);
    const theirs = await h.raw('print.document', { request }, admin);
    assert.ok(theirs.ok && shown(theirs.value).includes(marker), `${request.kind}: the administrator sees ${marker}`);
    assert.ok(!mine.ok || !shown(mine.value).includes(marker), `${request.kind} shows ${marker} to the recused account`);
  }
});

test('numbers leave the person out for the recused account: statistics, a page total, a roster', async () => {
  const mine = await h.raw('statistics.report', RANGE, relative);
  const theirs = await h.raw('statistics.report', RANGE, admin);
  assert.ok(mine.ok && theirs.ok);
  type Report = { metrics: Record<string, { value: number }> };
  const persons = (r: unknown) => (r as Report).metrics['replies.persons']!.value;
  const personItems = h.host.db
    .prepare(
      `SELECT count(*) FROM opinion_reply_items i JOIN opinion_replies y ON y.id = i.reply_id
       WHERE i.person_id = ? AND y.status = 'issued' AND y.reply_date BETWEEN ? AND ?`,
    )
    .pluck()
    .get(world.person, RANGE.from, RANGE.to) as number;
  assert.ok(personItems > 0, 'the recused person has issued replies in the range');
  // A joint reply naming the person is the person's record: its other rows go too.
  const records = await h.raw('statistics.records', { ...RANGE, metric: 'replies.persons', page: 1, pageSize: 200 }, admin);
  assert.ok(records.ok);
  const rows = (records.value as { items: unknown[]; total: number }).items;
  assert.equal(rows.length, persons(theirs.value));
  const aboutPerson = rows.filter((r) => [...hidden].some((id) => JSON.stringify(r).includes(id))).length;
  assert.ok(aboutPerson >= personItems);
  assert.equal(persons(mine.value), persons(theirs.value) - aboutPerson);
  const roster = await h.raw('pledgeRoster.list', { campaignId: world.campaign, pageSize: 200 }, relative);
  const rosterAll = await h.raw('pledgeRoster.list', { campaignId: world.campaign, pageSize: 200 }, admin);
  assert.ok(roster.ok && rosterAll.ok);
  assert.equal((roster.value as { total: number }).total, (rosterAll.value as { total: number }).total - 1);
  // The campaign's head count and its by-unit counts leave the person out too.
  type Campaign = { rosterCount: number; byUnit: { total: number }[] };
  const mineC = (await h.raw('pledgeCampaigns.get', { id: world.campaign }, relative)) as { ok: true; value: Campaign };
  const allC = (await h.raw('pledgeCampaigns.get', { id: world.campaign }, admin)) as { ok: true; value: Campaign };
  assert.equal(mineC.value.rosterCount, allC.value.rosterCount - 1);
  const sum = (c: Campaign) => c.byUnit.reduce((n, u) => n + u.total, 0);
  assert.equal(sum(mineC.value), sum(allC.value) - 1);
  // A unit's head count (单位 › 人数) leaves the person out as well.
  const unitId = h.host.db.prepare('SELECT unit_id FROM people WHERE id = ?').pluck().get(world.person) as string;
  type Units = { id: string; peopleCount: number }[];
  const count = async (session: string) => {
    const units = await h.raw('units.list', {}, session);
    assert.ok(units.ok);
    return (units.value as Units).find((u) => u.id === unitId)!.peopleCount;
  };
  assert.equal(await count(relative), (await count(admin)) - 1);
});

test('the recused account cannot draft, review or sign the person’s reply, nor record a sanction for them; others it can', async () => {
  const db = h.host.db;
  const count = () => db.prepare('SELECT count(*) FROM audit_log').pluck().get() as number;
  const before = count();
  for (const [channel, input] of [
    ['opinionReplies.review', { id: world.reply, rev: 1 }],
    ['opinionReplies.issue', { id: world.reply, rev: 1, reviewedHash: 'x' }],
    ['opinionReplies.create', { requestId: world.request, replyDate: '2025-07-02' }],
    [
      'sanctions.create',
      {
        personId: world.person,
        category: 'party',
        type: '警告',
        decisionAuthority: '市纪委',
        decisionNumber: null,
        decisionDate: '2025-05-01',
        effectiveDate: '2025-05-01',
        probationMonths: null,
        restorationDate: null,
        statusDate: null,
        summary: null,
      },
    ],
    ['reminderLetters.issue', { id: world.letter, rev: 1 }],
    ['people.update', { id: world.person, rev: 1, name: '改名' }],
  ] as const) {
    const env = await h.raw(channel, input, relative);
    assert.ok(!env.ok && env.error.code === 'NOT_FOUND' && /回避/.test(env.error.message), `${channel}: ${JSON.stringify(env)}`);
  }
  assert.equal(count(), before, 'nothing was written');
  // The same account works on someone else.
  const ok = await h.raw('sanctions.list', { personId: world.other }, relative);
  assert.ok(ok.ok);
});

test('the 操作记录 and 回收站 exports leave the person out for the recused account; the administrator gets them', async () => {
  assert.ok((await h.raw('clearances.delete', { id: world.clearance }, admin)).ok);
  for (const list of ['recycleBin', 'auditLog'] as const) {
    const input = { list, format: 'csv', filter: {} };
    const mine = await h.raw('exports.list', input, relative);
    const theirs = await h.raw('exports.list', input, admin);
    assert.ok(mine.ok && theirs.ok, list);
    const text = shown(mine.value);
    // (操作记录 keeps what was typed into a search box, e.g. this name in an earlier test's export filter,
    // as audit.list shows it: recusal hides records, found by id, not texts someone typed.)
    if (list === 'recycleBin') assert.ok(!text.includes(NAME), `${list} export shows the recused person's name`);
    for (const id of hidden) assert.ok(!text.includes(id), `${list} export shows a hidden record id ${id}`);
    // The same export shows them to the administrator, so the check above can fail.
    const full = shown(theirs.value);
    assert.ok(full.includes(list === 'recycleBin' ? NAME : world.clearance), `${list} export as the administrator`);
    assert.ok((theirs.value as { rows: number }).rows > (mine.value as { rows: number }).rows, list);
  }
});

test('a recused administrator cannot lift their own recusal; another administrator can', async () => {
  await h.call('users.create', { username: 'admin2', displayName: '管理员二', password: 'Admin2345678', roles: ['admin'] });
  const admin2Id = (await h.call('users.list', {})).find((u) => u.username === 'admin2')!.id;
  await h.raw('recusals.set', { personId: world.person, userIds: [relativeId, admin2Id], reason: '本人' }, admin);
  const admin2 = await h.login('admin2', 'Admin2345678');
  const lift = await h.raw('recusals.set', { personId: world.person, userIds: [], reason: null }, admin2);
  assert.ok(!lift.ok && lift.error.code === 'NOT_FOUND');
  const lifted = await h.raw('recusals.set', { personId: world.person, userIds: [relativeId], reason: '近亲属' }, admin);
  assert.ok(lifted.ok);
  assert.ok((await h.raw('people.get', { id: world.person }, admin2)).ok, 'admin2 sees the person again');
});
