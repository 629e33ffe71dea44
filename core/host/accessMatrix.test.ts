/**
 * The access matrix, generated from core/api.ts: every channel, whoever adds it, is
 * checked against its declared access for an anonymous caller, each single role, and a
 * locked session. A channel cannot escape it by being new. Recusal (回避) is checked for
 * every channel the same way, in core/recusal/recusal.test.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, CHANNELS, type Channel, type PrintRequest } from '../api';
import { documentKinds } from '../handlers';
import { ROLES, type Role } from '../users/contract';
import { makeHost } from '../testing';

/** Calls that may answer while the screen is locked (core/host/coreHost.ts WHILE_LOCKED). */
const WHILE_LOCKED = new Set<Channel>(['auth.me', 'auth.unlock', 'auth.logout', 'securityPolicy.get']);

test('every channel refuses callers its declared access does not admit, before looking at the input', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const sessions = {} as Record<Role, string>;
  for (const role of ROLES) {
    await h.call('users.create', { username: `only-${role}`, displayName: `仅${role}`, password: 'Matrix12345', roles: [role] });
  }
  for (const role of ROLES) sessions[role] = await h.login(`only-${role}`, 'Matrix12345');
  const locked = await h.login('admin', 'Admin12345');
  await h.call('auth.lock', {});

  let checked = 0;
  for (const channel of CHANNELS) {
    const access = api[channel].access;
    // An input no schema accepts: a refusal must come from access, not validation.
    const input = { __matrix: true };
    if (access !== 'public') {
      const anon = await h.raw(channel, input, null);
      assert.ok(!anon.ok && anon.error.code === 'UNAUTHENTICATED', `${channel}: anonymous got ${JSON.stringify(anon)}`);
      checked++;
    }
    if (Array.isArray(access)) {
      for (const role of ROLES) {
        const env = await h.raw(channel, input, sessions[role]);
        const admitted = access.includes(role);
        if (admitted)
          assert.ok(env.ok || env.error.code !== 'FORBIDDEN', `${channel}: ${role} is declared but refused: ${JSON.stringify(env)}`);
        else
          assert.ok(
            !env.ok && env.error.code === 'FORBIDDEN' && /权限/.test(env.error.message),
            `${channel}: ${role} got ${JSON.stringify(env)}`,
          );
        checked++;
      }
    }
    if (access !== 'public' && !WHILE_LOCKED.has(channel)) {
      const env = await h.raw(channel, input, locked);
      assert.ok(!env.ok && env.error.code === 'LOCKED', `${channel}: locked session got ${JSON.stringify(env)}`);
      checked++;
    }
  }
  assert.ok(checked > CHANNELS.length, `checked ${checked}`);
});

/** A request of every document kind (ids that name nothing: the role rule answers first). */
const NO_ID = '00000000-0000-7000-8000-000000000001';
const KIND_SAMPLES: { [K in PrintRequest['kind']]: Extract<PrintRequest, { kind: K }> } = {
  replyLetters: { kind: 'replyLetters', replyIds: [NO_ID] },
  replyPersons: { kind: 'replyPersons', replyId: NO_ID },
  repliesList: { kind: 'repliesList' },
  requestsList: { kind: 'requestsList' },
  reminderLetter: { kind: 'reminderLetter', letterId: NO_ID },
  reminderReceipts: { kind: 'reminderReceipts', letterId: NO_ID },
  pledgeForms: { kind: 'pledgeForms', campaignId: NO_ID },
};

test('print.document applies the role rule of the channel each document kind reads', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const sessions = {} as Record<Role, string>;
  for (const role of ROLES)
    await h.call('users.create', { username: `kind-${role}`, displayName: `仅${role}`, password: 'Matrix12345', roles: [role] });
  for (const role of ROLES) sessions[role] = await h.login(`kind-${role}`, 'Matrix12345');
  assert.deepEqual(Object.keys(KIND_SAMPLES).sort(), Object.keys(documentKinds).sort(), 'a sample for every registered kind');
  for (const [name, kind] of Object.entries(documentKinds)) {
    const access = api[kind.reads].access;
    for (const role of ROLES) {
      const env = await h.raw('print.document', { request: KIND_SAMPLES[name as PrintRequest['kind']] }, sessions[role]);
      const admitted = !Array.isArray(access) || access.includes(role);
      if (admitted) assert.ok(env.ok || env.error.code !== 'FORBIDDEN', `${name}: ${role} is admitted by ${kind.reads} but refused`);
      else assert.ok(!env.ok && env.error.code === 'FORBIDDEN', `${name}: ${role} got ${JSON.stringify(env)}`);
    }
  }
});
