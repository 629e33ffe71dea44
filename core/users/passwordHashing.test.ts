/**
 * Creating an account, resetting or changing a password hashes with scrypt off the main
 * thread (core/host/handler.ts PreparedWrite), so the host keeps answering others
 * meanwhile: a call made while the hash runs is answered first. Before, the hash ran
 * synchronously inside the call and every other caller waited for it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeHost } from '../testing';

async function answeredFirst(slow: Promise<unknown>, quick: Promise<unknown>): Promise<string[]> {
  const order: string[] = [];
  await Promise.all([slow.then(() => order.push('slow')), quick.then(() => order.push('quick'))]);
  return order;
}

test('users.create, users.resetPassword and auth.changePassword do not hold up other callers while the password is hashed', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const create = h.raw('users.create', { username: 'clerk1', displayName: '张三', password: 'Clerk12345', roles: ['handler'] });
  assert.deepEqual(await answeredFirst(create, h.raw('app.info', {})), ['quick', 'slow']);
  const created = await create;
  assert.ok(created.ok, JSON.stringify(created));
  const id = (created.value as { id: string }).id;

  const reset = h.raw('users.resetPassword', { id, password: 'Reset123456' });
  assert.deepEqual(await answeredFirst(reset, h.raw('app.info', {})), ['quick', 'slow']);
  assert.ok((await reset).ok);

  const clerk = await h.login('clerk1', 'Reset123456');
  const change = h.raw(
    'auth.changePassword',
    { oldPassword: 'Reset123456', newPassword: 'Changed123456', newPasswordConfirm: 'Changed123456' },
    clerk,
  );
  assert.deepEqual(await answeredFirst(change, h.raw('app.info', {})), ['quick', 'slow']);
  const changed = await change;
  assert.ok(changed.ok, JSON.stringify(changed));
  // The new password works, the old one does not, and each change is in the audit log.
  await h.login('clerk1', 'Changed123456');
  await assert.rejects(h.login('clerk1', 'Reset123456'), /不正确/);
});

test('a wrong old password, a weak new one or a taken user name still change nothing and say why in Chinese', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const dup = await h.raw('users.create', { username: 'admin', displayName: '重复', password: 'Clerk12345', roles: ['handler'] });
  assert.ok(!dup.ok && dup.error.code === 'CONFLICT' && /已被使用/.test(dup.error.message));
  const weak = await h.raw('users.create', { username: 'weak', displayName: '弱', password: 'aaaaaaaa', roles: ['handler'] });
  assert.ok(!weak.ok && weak.error.code === 'VALIDATION', JSON.stringify(weak));
  const wrongOld = await h.raw('auth.changePassword', {
    oldPassword: 'Nope1234567',
    newPassword: 'Changed123456',
    newPasswordConfirm: 'Changed123456',
  });
  assert.ok(!wrongOld.ok && /原密码不正确/.test(wrongOld.error.message));
  await h.login('admin', 'Admin12345');
  const again = await h.raw('setup.initialize', {
    authorityName: 'x',
    docPrefixes: { opinionReply: 'a', reminderLetter: 'b' },
    adminUsername: 'second',
    adminDisplayName: '第二',
    adminPassword: 'Second12345',
    adminPasswordConfirm: 'Second12345',
    adminHoldsAllRoles: true,
  });
  assert.ok(!again.ok && again.error.code === 'ALREADY_INITIALIZED');
  const users = await h.call('users.list', {});
  assert.deepEqual(users.map((u) => u.username).sort(), ['admin']);
});
