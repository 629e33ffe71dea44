import { AppError } from '../errors';
import { requireUser } from '../host/context';
import type { HandlerMap } from '../host/handler';
import { warmPdfRendererSoon } from '../letters/pdf';
import { findUserForLogin, loadUser } from '../users/queries';
import { hashPassword, verifyPassword } from './password';

const BAD_CREDENTIALS = '用户名或密码不正确。';
/** Checked against when the user name is unknown, so both failures take the same time. */
let dummyHash: string | null = null;

export const authHandlers: HandlerMap<'auth.login' | 'auth.logout' | 'auth.me' | 'auth.changePassword'> = {
  'auth.login': (input, ctx) => {
    const found = findUserForLogin(ctx.db, input.username);
    // Same message for an unknown name and a wrong password: do not reveal which accounts exist.
    if (!found) {
      verifyPassword(input.password, (dummyHash ??= hashPassword('not-a-real-password-1')));
      throw new AppError('BAD_CREDENTIALS', BAD_CREDENTIALS);
    }
    if (!verifyPassword(input.password, found.password_hash)) throw new AppError('BAD_CREDENTIALS', BAD_CREDENTIALS);
    if (found.active !== 1) throw new AppError('BAD_CREDENTIALS', '该账号已停用，请联系管理员。');
    const user = loadUser(ctx.db, found.id)!;
    ctx.sessions.end(ctx.sessionId);
    const sessionId = ctx.sessions.create(user.id);
    ctx.user = user;
    ctx.writer.audit('login', 'users', user.id, null, null);
    warmPdfRendererSoon(); // the first 保存PDF then finds the PDF renderer started (browser mode)
    return { sessionId, user };
  },

  'auth.logout': (_input, ctx) => {
    ctx.sessions.end(ctx.sessionId);
  },

  'auth.me': (_input, ctx) => requireUser(ctx),

  'auth.changePassword': (input, ctx) => {
    const user = requireUser(ctx);
    const found = findUserForLogin(ctx.db, user.username);
    if (!found || !verifyPassword(input.oldPassword, found.password_hash)) {
      throw new AppError('VALIDATION', '原密码不正确，密码未修改。', { oldPassword: '原密码不正确' });
    }
    ctx.writer.update('users', user.id, null, { password_hash: hashPassword(input.newPassword) }, 'password');
    ctx.sessions.endAllFor(user.id, ctx.sessionId ?? undefined);
  },
};
