/**
 * Renderer logic that is not trivial, tested without a browser: IME key handling, what
 * the buttons let an account do, and the person-lines state of a pasted name list.
 * (What a clerk sees end to end is in e2e/.)
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CHANNELS, api } from '../../core/api';
import type { PersonLine } from '../pages/opinions/personLines';
import { lineStates, splitLines } from '../pages/opinions/personLines';
import { isComposingKey } from '../lib/ime';
import { mayCall } from '../lib/access';
import { normalizeMonthInput } from '../lib/format';
import { z } from 'zod';
import { opinionSettingsSchema } from '../../core/opinions/contract';
import { unitsCreateInput } from '../../core/units/contract';
import { wholeNumberProblem, wholeNumberRange } from '../lib/zodForm';
import { OPINION_PATHS, personDossierPath, requestPath } from '../lib/links';
import { LETTER_PATHS } from '../pages/letters/paths';
import { campaignPath } from '../pages/pledges/paths';
import { REMINDER_PATHS, reminderEditPath, reminderPath } from '../pages/reminders/paths';

const key = (init: { isComposing?: boolean; keyCode?: number }) =>
  ({ isComposing: false, keyCode: 13, ...init }) as unknown as KeyboardEvent;

test('IME: Enter that picks a candidate is the IME’s, not a submit', () => {
  assert.equal(isComposingKey(key({})), false, 'a plain Enter submits');
  assert.equal(isComposingKey(key({ isComposing: true })), true);
  assert.equal(isComposingKey(key({ keyCode: 229 })), true, 'older Chromium: keyCode 229 while composing');
  assert.equal(isComposingKey(key({}), true), true, 'our own compositionstart flag');
  // React's synthetic event: the native event decides
  assert.equal(isComposingKey({ nativeEvent: key({ isComposing: true }) } as never), true);
});

test('permissions: buttons follow the contract’s access lists, role by role', () => {
  assert.equal(mayCall([], 'people.list'), true, 'any logged-in account lists people');
  assert.equal(mayCall(['handler'], 'opinionReplies.issue'), false, 'a 承办人 cannot 签发');
  assert.equal(mayCall(['signer'], 'opinionReplies.issue'), true);
  assert.equal(mayCall(['handler', 'reviewer'], 'users.create'), false, 'accounts are for 管理员 only');
  assert.equal(mayCall(['admin'], 'users.create'), true);
  // every channel with a role list is refused to an account without roles
  for (const c of CHANNELS) {
    const access = api[c].access;
    assert.equal(mayCall([], c), access === 'public' || access === 'user', c);
  }
});

test('出生年月 typed loosely becomes YYYY-MM; anything else is left for the schema to refuse', () => {
  assert.equal(normalizeMonthInput('198005'), '1980-05');
  assert.equal(normalizeMonthInput('1980-05'), '1980-05');
  assert.equal(normalizeMonthInput(''), '');
});

test('pasted name list: blank lines dropped, duplicates and unknown names marked', () => {
  assert.deepEqual(splitLines('张三\r\n\n 李四\r王五\n  \n'), ['张三', ' 李四', '王五']);
  const line = (key: string, personId: string | null, status: PersonLine['status']): PersonLine =>
    ({ key, name: key, personId, status }) as unknown as PersonLine;
  const states = lineStates([
    line('a', 'p1', 'matched'),
    line('b', null, 'unknown'),
    line('c', 'p1', 'matched'),
    line('d', null, 'ambiguous'),
    line('e', null, 'matched'), // matched, then its person was taken away: needs a decision
  ]);
  assert.deepEqual(Object.fromEntries(states), {
    a: { state: 'matched' },
    b: { state: 'unknown' },
    c: { state: 'duplicate', duplicateOf: 1 },
    d: { state: 'ambiguous' },
    e: { state: 'invalid' },
  });
});

test('route paths: every link the pages build is the address the old literals said', () => {
  assert.deepEqual(
    [
      OPINION_PATHS.requests,
      OPINION_PATHS.newRequest,
      OPINION_PATHS.replies,
      personDossierPath('p1'),
      requestPath('r1'),
      requestPath('r1', 'y 1'),
      REMINDER_PATHS.list,
      REMINDER_PATHS.new,
      reminderPath('m1'),
      reminderEditPath('m1'),
      campaignPath('c1'),
      LETTER_PATHS.batch,
      LETTER_PATHS.reply('y1'),
    ],
    [
      '/opinions/requests',
      '/opinions/requests/new',
      '/opinions/replies',
      '/people/p1',
      '/opinions/requests/r1',
      '/opinions/requests/r1?reply=y%201',
      '/reminders',
      '/reminders/new',
      '/reminders/m1',
      '/reminders/m1/edit',
      '/pledges/c1',
      '/letters/batch',
      '/letters/reply/y1',
    ],
  );
});

test('a typed number is checked as typed: out of range or not whole is said, never clamped or rounded', () => {
  assert.equal(wholeNumberProblem('办理时限', 5, 1, 60), null);
  assert.equal(wholeNumberProblem('办理时限', 120, 1, 60), '“办理时限”应为1到60之间的整数');
  assert.equal(wholeNumberProblem('办理时限', 1.5, 1, 60), '“办理时限”应为1到60之间的整数');
  assert.equal(wholeNumberProblem('办理时限', 0, 1, 60), '“办理时限”应为1到60之间的整数');
  assert.equal(wholeNumberProblem('办理时限', null, 1, 60), '请填写办理时限');
  assert.equal(wholeNumberProblem('按天保留', 0, 0, 60), null);
});

test('the range of a number field comes from its schema in the contract, through default/optional', () => {
  assert.deepEqual(wholeNumberRange(opinionSettingsSchema.shape.dueWorkingDays), { min: 1, max: 60 });
  assert.deepEqual(wholeNumberRange(unitsCreateInput.shape.sortOrder), { min: 0, max: 99999 });
  assert.deepEqual(wholeNumberRange(z.number().int().min(2).max(9).nullable().optional()), { min: 2, max: 9 });
  // a schema that holds no whole-number range is a programming error, not a silent 0..∞
  assert.throws(() => wholeNumberRange(z.number().int().min(1)));
  assert.throws(() => wholeNumberRange(z.number().min(1).max(5)));
  assert.throws(() => wholeNumberRange(z.string()));
});
