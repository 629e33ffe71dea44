/**
 * The registry's role check: a document kind is printed only for an account its channel
 * admits (core/host/access.ts), and a kind nobody registered is refused in Chinese.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../errors';
import type { CurrentUser, Role } from '../users/contract';
import { kindOf, type DocumentKinds } from './documentKinds';

type Fake = { kind: 'auditSheet' } | { kind: 'openSheet' };
const layOut = () => ({
  title: '表',
  fileBase: '表',
  pages: [],
  landscape: false,
  letterCount: 1,
  warnings: [],
  archival: false,
  printed: null,
});
const kinds: DocumentKinds<Fake> = {
  auditSheet: { reads: 'audit.list', layOut }, // 操作记录: administrators only
  openSheet: { reads: 'opinionReplies.list', layOut }, // every logged-in account
};
const user = (roles: Role[]) => ({ id: 'u1', username: 'u', displayName: '用户', roles }) as unknown as CurrentUser;

test('a kind is printed only for the roles of the channel it reads', () => {
  assert.throws(
    () => kindOf(kinds, { kind: 'auditSheet' }, user(['handler'])),
    (e: unknown) => e instanceof AppError && e.code === 'FORBIDDEN' && /操作记录.*管理员/.test(e.message),
  );
  assert.equal(kindOf(kinds, { kind: 'auditSheet' }, user(['admin'])), kinds.auditSheet);
  assert.equal(kindOf(kinds, { kind: 'openSheet' }, user(['handler'])), kinds.openSheet);
  assert.throws(
    () => kindOf(kinds, { kind: 'openSheet' }, null),
    (e: unknown) => e instanceof AppError && e.code === 'UNAUTHENTICATED',
  );
});

test('a kind nobody registered is refused in Chinese', () => {
  assert.throws(
    () => kindOf(kinds, { kind: 'nosuch' } as unknown as Fake, user(['admin'])),
    (e: unknown) => e instanceof AppError && e.code === 'VALIDATION' && e.message === '不认识的打印内容',
  );
});
