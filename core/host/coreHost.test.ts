import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeHost, SETUP_INPUT } from '../testing';

test('before first-run setup only setup and app info answer', async (t) => {
  const h = await makeHost({ setup: false });
  t.after(() => h.close());
  assert.deepEqual(await h.raw('setup.status', {}), { ok: true, value: { initialized: false, authorityName: null } });
  const env = await h.raw('people.list', {});
  assert.equal(env.ok, false);
  assert.equal(!env.ok && env.error.code, 'NOT_INITIALIZED');
});

test('setup refuses mismatched passwords, then succeeds once and only once', async (t) => {
  const h = await makeHost({ setup: false });
  t.after(() => h.close());
  const bad = await h.raw('setup.initialize', { ...SETUP_INPUT, adminPasswordConfirm: 'Other12345' });
  assert.ok(!bad.ok && bad.error.code === 'VALIDATION' && bad.error.fields?.adminPasswordConfirm === '两次输入的密码不一致');
  assert.equal((await h.call('setup.status', {})).initialized, false);

  const badPrefix = await h.raw('setup.initialize', {
    ...SETUP_INPUT,
    docPrefixes: { opinionReply: '某纪〔2025〕', reminderLetter: '某纪廉提' },
  });
  assert.ok(!badPrefix.ok && /不要带括号/.test(badPrefix.error.message));

  await h.call('setup.initialize', SETUP_INPUT);
  assert.deepEqual(await h.call('setup.status', {}), { initialized: true, authorityName: '某某市纪委监委' });
  const again = await h.raw('setup.initialize', SETUP_INPUT);
  assert.ok(!again.ok && again.error.code === 'ALREADY_INITIALIZED');
});

test('login: wrong password and unknown user get the same Chinese message; the password is stored as scrypt', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const wrong = await h.raw('auth.login', { username: 'admin', password: 'nope12345' });
  const unknown = await h.raw('auth.login', { username: 'ghost', password: 'nope12345' });
  assert.ok(!wrong.ok && wrong.error.code === 'BAD_CREDENTIALS');
  assert.deepEqual(wrong, unknown);
  const row = h.host.db.prepare("SELECT password_hash FROM users WHERE username = 'admin'").get() as { password_hash: string };
  assert.match(row.password_hash, /^scrypt\$32768\$8\$1\$/);
  assert.ok(!row.password_hash.includes('Admin12345'));
});

test('calls without a session are refused; logout ends the session', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const anon = await h.raw('people.list', {}, null);
  assert.ok(!anon.ok && anon.error.code === 'UNAUTHENTICATED' && anon.error.message.includes('重新登录'));
  const forged = await h.raw('people.list', {}, 'made-up-session');
  assert.ok(!forged.ok && forged.error.code === 'UNAUTHENTICATED');
  await h.call('auth.logout', {});
  const after = await h.raw('auth.me', {});
  assert.ok(!after.ok && after.error.code === 'UNAUTHENTICATED');
});

test('roles are enforced by the host: a 承办人 cannot manage accounts or settings', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  await h.call('users.create', { username: 'clerk', displayName: '王承办', password: 'Clerk12345', roles: ['handler'] });
  await h.login('clerk', 'Clerk12345');
  assert.deepEqual((await h.call('auth.me', {})).roles, ['handler']);
  const env = await h.raw('users.create', { username: 'x', displayName: 'X', password: 'Xxxxx12345', roles: ['admin'] });
  assert.ok(!env.ok && env.error.code === 'FORBIDDEN' && env.error.message.includes('管理员'));
  const settings = await h.raw('settings.update', { authorityName: '改名', docPrefixes: { opinionReply: 'a', reminderLetter: 'b' } });
  assert.ok(!settings.ok && settings.error.code === 'FORBIDDEN');
  assert.equal((await h.call('settings.get', {})).authorityName, '某某市纪委监委');
});

test('the last administrator cannot lose the role; a disabled account cannot log in', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const me = await h.call('auth.me', {});
  const [admin] = (await h.call('users.list', {})).filter((u) => u.id === me.id);
  const env = await h.raw('users.update', { id: me.id, rev: admin!.rev, displayName: '系统管理员', roles: ['handler'], active: true });
  assert.ok(!env.ok && env.error.code === 'CONFLICT' && env.error.message.includes('最后一个'));
  const clerk = await h.call('users.create', { username: 'clerk', displayName: '王承办', password: 'Clerk12345', roles: ['handler'] });
  await h.call('users.update', { id: clerk.id, rev: clerk.rev, displayName: '王承办', roles: ['handler'], active: false });
  const login = await h.raw('auth.login', { username: 'clerk', password: 'Clerk12345' });
  assert.ok(!login.ok && login.error.message.includes('停用'));
});

test('every change records who made it and lands in the audit log in the same transaction', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const me = await h.call('auth.me', {});
  const unit = await h.call('units.create', { name: '市财政局' });
  const person = await h.call('people.create', { name: '张三', unitId: unit.id });
  const row = h.host.db.prepare('SELECT created_by, updated_by FROM people WHERE id = ?').get(person.id);
  assert.deepEqual(row, { created_by: me.id, updated_by: me.id });
  const audit = h.host.db
    .prepare("SELECT action, user_id, after FROM audit_log WHERE entity = 'people' AND entity_id = ?")
    .all(person.id) as {
    action: string;
    user_id: string;
    after: string;
  }[];
  assert.equal(audit.length, 1);
  assert.equal(audit[0]!.action, 'create');
  assert.equal(audit[0]!.user_id, me.id);
  assert.equal(JSON.parse(audit[0]!.after).name, '张三');
});

test('a failed write changes nothing: a stale revision is a conflict and the row and audit log stay as they were', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const p = await h.call('people.create', { name: '李四' });
  await h.call('people.update', { id: p.id, rev: p.rev, name: '李四', position: '科长' });
  // Views (people.get below) are audited too; the failed write must add no change entry.
  const changes = () => (h.host.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action <> 'view'").get() as { n: number }).n;
  const auditBefore = changes();
  const stale = await h.raw('people.update', { id: p.id, rev: p.rev, name: '李四', position: '局长' });
  assert.ok(!stale.ok && stale.error.code === 'CONFLICT' && stale.error.message.includes('已被他人修改'));
  const now = await h.call('people.get', { id: p.id });
  assert.equal(now.position, '科长');
  assert.equal(now.rev, 2);
  assert.equal(changes(), auditBefore);
});

test('hostile input (wrong types, unknown channel) gets a Chinese message, never a crash', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const wrongType = await h.raw('people.create', { name: 42 });
  assert.ok(!wrongType.ok && wrongType.error.code === 'VALIDATION' && /[\u4e00-\u9fa5]/.test(wrongType.error.message));
  const notObject = await h.raw('people.create', 'DROP TABLE people');
  assert.ok(!notObject.ok && notObject.error.code === 'VALIDATION');
  const unknown = await h.raw('people.drop', {});
  assert.ok(!unknown.ok && unknown.error.code === 'UNKNOWN_CHANNEL');
  const proto = await h.raw('__proto__', {});
  assert.ok(!proto.ok && proto.error.code === 'UNKNOWN_CHANNEL');
  assert.equal((await h.call('people.list', {})).total, 0);
});
