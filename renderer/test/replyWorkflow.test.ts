/**
 * The reply's workflow table and draft rules (pages/opinions/replyWorkflow.ts): which
 * buttons a 承办人, 审核人 or 签发人 sees in each state, when 审核 is blocked, which items
 * count as unsaved, and the 逐人意见 filter.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReplyDetail, ReplyItem, ReplyStatus } from '../../core/opinions/contract';
import type { Role } from '../../core/users/contract';
import { mayCall } from '../lib/access';
import { draftOf } from '../pages/opinions/replyDrafts';
import { WORKFLOW_ACTIONS, filterItems, offeredActions, reviewBlock, unsavedIds } from '../pages/opinions/replyWorkflow';

const item = (id: string, proposed: ReplyItem['category'], category: ReplyItem['category'] = proposed): ReplyItem =>
  ({
    id,
    rev: 1,
    lineNo: 1,
    proposedCategory: proposed,
    category,
    wording: '未发现影响提拔使用的问题。',
    overrideReason: null,
    remark: null,
  }) as ReplyItem;

const reply = (status: ReplyStatus, missingSections: string[] = []) => ({ status, missingSections, items: [] }) as unknown as ReplyDetail;

const labels = (status: ReplyStatus, roles: Role[]) =>
  offeredActions(WORKFLOW_ACTIONS, status, (c) => mayCall(roles, c)).map((a) => a.label);

test('workflow: each role sees the buttons of its step, in order (承办 → 审核 → 签发, then 更正 or 作废)', () => {
  const expected: Record<string, Record<ReplyStatus, string[]>> = {
    handler: { draft: ['重新核查'], reviewed: [], issued: ['更正回复'], voided: [] },
    reviewer: { draft: ['审核通过'], reviewed: ['退回承办'], issued: [], voided: [] },
    signer: { draft: ['作废'], reviewed: ['退回承办', '签发', '作废'], issued: ['作废'], voided: [] },
    admin: { draft: ['作废'], reviewed: ['作废'], issued: ['作废'], voided: [] },
  };
  for (const [role, byStatus] of Object.entries(expected))
    for (const [status, buttons] of Object.entries(byStatus))
      assert.deepEqual(labels(status as ReplyStatus, [role as Role]), buttons, `${role} on a ${status} reply`);
  assert.deepEqual(labels('draft', ['handler', 'reviewer']), ['重新核查', '审核通过'], 'two roles: both steps');
});

test('workflow: only 作废 opens a dialog; every other action calls its own channel', () => {
  for (const a of WORKFLOW_ACTIONS) {
    if (a.name === '作废') assert.equal(a.run, null);
    else assert.ok(a.run, `${a.name} has a call`);
    assert.ok(a.channel.startsWith('opinionReplies.'), a.channel);
  }
  assert.ok(WORKFLOW_ACTIONS.find((a) => a.name === '签发')?.confirm, '签发 asks first');
  assert.equal(WORKFLOW_ACTIONS.find((a) => a.name === '审核')?.confirm, undefined, '审核 does not');
});

test('workflow: 审核 waits for every section’s check, then for unsaved changes', () => {
  assert.equal(reviewBlock({ reply: reply('draft', ['干部监督室', '信访室']), unsaved: 2 }), '以下科室尚未登记核查：干部监督室、信访室');
  assert.equal(reviewBlock({ reply: reply('draft'), unsaved: 2 }), '还有2人的修改未保存');
  assert.equal(reviewBlock({ reply: reply('draft'), unsaved: 0 }), null);
  const reassess = WORKFLOW_ACTIONS.find((a) => a.name === '重新核查')!;
  assert.equal(reassess.blocked?.({ reply: reply('draft'), unsaved: 1 }), '还有1人的修改未保存');
  assert.equal(reassess.blocked?.({ reply: reply('draft'), unsaved: 0 }), null);
});

test('drafts: only an item whose draft differs from what is saved is unsaved', () => {
  const a = item('a', 'clear');
  const b = item('b', 'clear');
  const drafts = { a: { ...draftOf(a), remark: '已核' }, b: draftOf(b), gone: draftOf(item('gone', 'clear')) };
  assert.deepEqual(unsavedIds([a, b], drafts), ['a'], 'b is untouched in effect; gone is no longer in the reply');
  assert.deepEqual(unsavedIds([a, b], {}), []);
});

test('drafts: the 逐人意见 filter by conclusion or by changed conclusion', () => {
  const items = [item('a', 'clear'), item('b', 'barred'), item('c', 'clear', 'pending')];
  assert.deepEqual(
    filterItems(items, 'all').map((i) => i.id),
    ['a', 'b', 'c'],
  );
  assert.deepEqual(
    filterItems(items, 'clear').map((i) => i.id),
    ['a'],
  );
  assert.deepEqual(
    filterItems(items, 'pending').map((i) => i.id),
    ['c'],
  );
  assert.deepEqual(
    filterItems(items, 'changed').map((i) => i.id),
    ['c'],
  );
});
