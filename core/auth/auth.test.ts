/** Login throttling, audited failures, async password checks and the administrator's password rules (issue 13, item 1). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeHost } from '../testing';
import { FREE_FAILURES, LoginThrottle } from './throttle';

test('after repeated failures the next attempt must wait, the wait grows, and it passes once the wait is over (no permanent lock)', async (t) => {
  let clock = Date.parse('2026-03-01T08:00:00Z');
  const h = await makeHost({ now: () => new Date(clock) });
  t.after(() => h.close());
  for (let i = 0; i < FREE_FAILURES; i++) {
    const env = await h.raw('auth.login', { username: 'admin', password: 'wrong12345' });
    assert.ok(!env.ok && env.error.code === 'BAD_CREDENTIALS');
  }
  // Even the right password is refused during the wait, without being checked.
  const waiting = await h.raw('auth.login', { username: 'ADMIN', password: 'Admin12345' });
  assert.ok(!waiting.ok && waiting.error.code === 'RATE_LIMITED', JSON.stringify(waiting));
  assert.match(waiting.error.message, /登录失败次数过多，请1秒后再试/);

  clock += 1_000;
  const fourth = await h.raw('auth.login', { username: 'admin', password: 'wrong12345' });
  assert.ok(!fourth.ok && fourth.error.code === 'BAD_CREDENTIALS');
  clock += 1_000;
  const longer = await h.raw('auth.login', { username: 'admin', password: 'Admin12345' });
  assert.ok(!longer.ok && longer.error.code === 'RATE_LIMITED' && /请1秒后再试/.test(longer.error.message), JSON.stringify(longer));
  clock += 1_000;
  await h.login('admin', 'Admin12345');
  // A success clears the count: the next failure is free again.
  const after = await h.raw('auth.login', { username: 'admin', password: 'wrong12345' });
  assert.ok(!after.ok && after.error.code === 'BAD_CREDENTIALS');
});

test('unknown names are throttled the same way and every failure is in the audit log, with the reason', async (t) => {
  const clock = Date.parse('2026-03-01T08:00:00Z');
  const h = await makeHost({ now: () => new Date(clock) });
  t.after(() => h.close());
  await h.call('users.create', { username: 'clerk', displayName: '王承办', password: 'Clerk12345', roles: ['handler'] });
  const clerk = (await h.call('users.list', {})).find((u) => u.username === 'clerk')!;
  await h.call('users.update', { id: clerk.id, rev: clerk.rev, displayName: '王承办', roles: ['handler'], active: false });
  // From the login screen: no session.
  await h.raw('auth.login', { username: 'clerk', password: 'Clerk12345' }, null);
  await h.raw('auth.login', { username: 'admin', password: 'nope12345' }, null);
  for (let i = 0; i <= FREE_FAILURES; i++) await h.raw('auth.login', { username: 'ghost', password: 'nope12345' }, null);
  const rows = h.host.db.prepare("SELECT user_id, entity_id, after FROM audit_log WHERE action = 'login-failed' ORDER BY seq").all() as {
    user_id: string | null;
    entity_id: string | null;
    after: string;
  }[];
  const seen = rows.map((r) => JSON.parse(r.after) as { username: string; reason: string });
  assert.deepEqual(seen, [
    { username: 'clerk', reason: 'disabled' },
    { username: 'admin', reason: 'wrong-password' },
    { username: 'ghost', reason: 'unknown-user' },
    { username: 'ghost', reason: 'unknown-user' },
    { username: 'ghost', reason: 'unknown-user' },
    { username: 'ghost', reason: 'throttled' },
  ]);
  assert.equal(rows[0]!.entity_id, clerk.id);
  assert.ok(rows.every((r) => r.user_id === null));
  assert.equal((await h.call('audit.verify', {})).ok, true);
});

test('attempts for one name fired at once run in turn, so the count cannot be slipped past', async () => {
  const throttle = new LoginThrottle();
  let running = 0;
  let most = 0;
  let checked = 0;
  const attempt = async () => {
    running++;
    most = Math.max(most, running);
    checked++;
    await new Promise((r) => setImmediate(r));
    running--;
    return { ok: false, value: 'bad' };
  };
  const results = await Promise.all(
    Array.from({ length: 10 }, () =>
      throttle.run(
        'Admin',
        () => 0,
        attempt,
        () => 'wait',
      ),
    ),
  );
  assert.equal(most, 1);
  assert.equal(checked, FREE_FAILURES);
  assert.deepEqual(results.slice(FREE_FAILURES), Array(10 - FREE_FAILURES).fill('wait'));
});

test('20 logins at once all succeed and the host keeps answering other calls meanwhile (scrypt off the main thread)', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const names = Array.from({ length: 20 }, (_, i) => `user${i}`);
  for (const name of names) await h.call('users.create', { username: name, displayName: name, password: 'Clerk12345', roles: ['handler'] });
  let answeredDuring = 0;
  let loginsDone = 0;
  const logins = Promise.all(
    names.map(async (username) => {
      const env = await h.host.invoke('auth.login', { username, password: 'Clerk12345' });
      loginsDone++;
      return env;
    }),
  );
  // Another clerk's call is answered before the logins are done: the event loop is not held by scrypt.
  const info = await h.host.invoke('app.info', {});
  if (loginsDone < names.length) answeredDuring++;
  const envs = await logins;
  assert.ok(info.ok);
  assert.equal(answeredDuring, 1);
  assert.ok(envs.every((e) => e.ok));
});

test('the administrator sets password rules; new and reset passwords must follow them, with the rule in Chinese', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  assert.deepEqual(await h.call('securityPolicy.get', {}), {
    minLength: 8,
    requireMixedCase: false,
    requireSymbol: false,
    forbidUsername: false,
    idleLockMinutes: 10,
  });
  const tooShort = await h.raw('securityPolicy.update', {
    minLength: 6,
    requireMixedCase: true,
    requireSymbol: true,
    forbidUsername: true,
  });
  assert.ok(!tooShort.ok && tooShort.error.fields?.minLength === '最短长度不能少于8位');
  await h.call('securityPolicy.update', {
    minLength: 10,
    requireMixedCase: true,
    requireSymbol: true,
    forbidUsername: true,
    idleLockMinutes: 5,
  });

  const cases: [string, string][] = [
    ['Clerk1234', '密码至少10位'],
    ['clerk12345x', '密码须同时包含大写和小写字母'],
    ['Clerk123456', '密码须包含至少一个特殊符号（如 ! @ # ￥）'],
    ['Liuqi!12345', '密码不能包含用户名'],
  ];
  for (const [password, message] of cases) {
    const env = await h.raw('users.create', { username: 'liuqi', displayName: '刘七', password, roles: ['handler'] });
    assert.ok(!env.ok && env.error.code === 'VALIDATION' && env.error.fields?.password === message, `${password}: ${JSON.stringify(env)}`);
  }
  const user = await h.call('users.create', { username: 'liuqi', displayName: '刘七', password: 'Clerk!12345', roles: ['handler'] });
  const reset = await h.raw('users.resetPassword', { id: user.id, password: 'short1A!' });
  assert.ok(!reset.ok && reset.error.fields?.password === '密码至少10位');
  await h.login('liuqi', 'Clerk!12345');
  const change = await h.raw('auth.changePassword', {
    oldPassword: 'Clerk!12345',
    newPassword: 'Abcdefgh12',
    newPasswordConfirm: 'Abcdefgh12',
  });
  assert.ok(!change.ok && change.error.fields?.newPassword === '密码须包含至少一个特殊符号（如 ! @ # ￥）');
  const forbidden = await h.raw('securityPolicy.update', {
    minLength: 8,
    requireMixedCase: false,
    requireSymbol: false,
    forbidUsername: false,
    idleLockMinutes: 0,
  });
  assert.ok(!forbidden.ok && forbidden.error.code === 'FORBIDDEN');
});

test('a locked session (锁屏) answers nothing but who it is, unlock and logout, until the password is given again', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const person = await h.call('people.create', { name: '张三' });
  await h.call('auth.lock', {});
  for (const [channel, input] of [
    ['people.list', {}],
    ['people.dossier', { id: person.id }],
    ['audit.list', {}],
  ] as const) {
    const env = await h.raw(channel, input);
    assert.ok(!env.ok && env.error.code === 'LOCKED' && env.error.message.includes('屏幕已锁定'), channel);
  }
  assert.equal((await h.call('auth.me', {})).username, 'admin');
  const wrong = await h.raw('auth.unlock', { password: 'nope12345' });
  assert.ok(!wrong.ok && wrong.error.code === 'BAD_CREDENTIALS' && wrong.error.fields?.password === '密码不正确');
  assert.ok(!(await h.raw('people.list', {})).ok);
  await h.call('auth.unlock', { password: 'Admin12345' });
  assert.equal((await h.call('people.list', {})).total, 1);
  const failed = h.host.db.prepare("SELECT after FROM audit_log WHERE action = 'login-failed'").get() as { after: string };
  assert.equal(JSON.parse(failed.after).reason, 'unlock-wrong-password');
});
