import { AppError } from '../errors';
import { requireUser, type HandlerContext } from '../host/context';
import { preparedWrite, type HandlerMap } from '../host/handler';
import type { LoginResult } from '../users/contract';
import { warmPdfRendererSoon } from '../print/pdf';
import { findUserForLogin, loadUser } from '../users/queries';
import { hashPasswordAsync, verifyPasswordAsync } from './password';
import { enforcePasswordPolicy, SECURITY_POLICY_KEY, readSecurityPolicy } from './policyStore';

const BAD_CREDENTIALS = '用户名或密码不正确。';
/** Checked against when the user name is unknown, so both failures take the same time. */
let dummyHash: Promise<string> | null = null;

type FailureReason = 'unknown-user' | 'wrong-password' | 'disabled' | 'throttled' | 'unlock-wrong-password';

/** A failed login goes into the audit log (its own transaction: the call itself fails). */
function recordFailure(ctx: HandlerContext, username: string, userId: string | null, reason: FailureReason): void {
  ctx.writer.audit('login-failed', 'users', userId, null, { username, reason });
}

export const authHandlers: HandlerMap<
  | 'auth.login'
  | 'auth.lock'
  | 'auth.unlock'
  | 'auth.logout'
  | 'auth.me'
  | 'auth.changePassword'
  | 'securityPolicy.get'
  | 'securityPolicy.update',
  'auth.changePassword'
> = {
  /**
   * Not a writing channel: the password check runs off the main thread (async scrypt),
   * which a transaction cannot span; the session lives in memory and the audit entries
   * are appended on their own. Attempts for one name run in turn, with a growing wait
   * after repeated failures (core/auth/throttle.ts).
   */
  'auth.login': async (input, ctx) => {
    const outcome = await ctx.loginThrottle.run<LoginResult | AppError>(
      input.username,
      () => ctx.now().getTime(),
      async () => {
        const found = findUserForLogin(ctx.db, input.username);
        // Same message and the same work for an unknown name and a wrong password: do not reveal which accounts exist.
        const matches = await verifyPasswordAsync(
          input.password,
          found?.password_hash ?? (await (dummyHash ??= hashPasswordAsync('not-a-real-password-1'))),
        );
        if (!found || !matches) {
          recordFailure(ctx, input.username, found?.id ?? null, found ? 'wrong-password' : 'unknown-user');
          return { ok: false, value: new AppError('BAD_CREDENTIALS', BAD_CREDENTIALS) };
        }
        if (found.active !== 1) {
          recordFailure(ctx, input.username, found.id, 'disabled');
          return { ok: false, value: new AppError('BAD_CREDENTIALS', '该账号已停用，请联系管理员。') };
        }
        const user = loadUser(ctx.db, found.id)!;
        ctx.sessions.end(ctx.sessionId);
        const sessionId = ctx.sessions.create(user.id);
        ctx.user = user;
        ctx.writer.audit('login', 'users', user.id, null, null);
        warmPdfRendererSoon(); // the first 保存PDF then finds the PDF writer's fonts parsed
        return { ok: true, value: { sessionId, user } };
      },
      (waitMs) => {
        recordFailure(ctx, input.username, null, 'throttled');
        return new AppError('RATE_LIMITED', `登录失败次数过多，请${Math.ceil(waitMs / 1000)}秒后再试。`);
      },
    );
    if (outcome instanceof AppError) throw outcome;
    return outcome;
  },

  'auth.lock': (_input, ctx) => {
    ctx.sessions.lock(ctx.sessionId);
  },

  /** The same throttle as logins (keyed by the account's name): a locked screen is no place to guess passwords. */
  'auth.unlock': async (input, ctx) => {
    const user = requireUser(ctx);
    const outcome = await ctx.loginThrottle.run<AppError | null>(
      user.username,
      () => ctx.now().getTime(),
      async () => {
        const found = findUserForLogin(ctx.db, user.username);
        if (found && (await verifyPasswordAsync(input.password, found.password_hash))) {
          ctx.sessions.unlock(ctx.sessionId);
          return { ok: true, value: null };
        }
        recordFailure(ctx, user.username, user.id, 'unlock-wrong-password');
        return { ok: false, value: new AppError('BAD_CREDENTIALS', '密码不正确，屏幕仍锁定。', { password: '密码不正确' }) };
      },
      (waitMs) => new AppError('RATE_LIMITED', `密码错误次数过多，请${Math.ceil(waitMs / 1000)}秒后再试。`),
    );
    if (outcome) throw outcome;
  },

  'auth.logout': (_input, ctx) => {
    ctx.sessions.end(ctx.sessionId);
  },

  'auth.me': (_input, ctx) => requireUser(ctx),

  // Both scrypt runs (the old password's check, the new one's hash) happen off the main thread, before the write.
  'auth.changePassword': preparedWrite<'auth.changePassword', string>({
    prepare: async (input, ctx) => {
      const user = requireUser(ctx);
      const found = findUserForLogin(ctx.db, user.username);
      if (!found || !(await verifyPasswordAsync(input.oldPassword, found.password_hash))) {
        throw new AppError('VALIDATION', '原密码不正确，密码未修改。', { oldPassword: '原密码不正确' });
      }
      enforcePasswordPolicy(ctx.db, input.newPassword, user.username, 'newPassword');
      return hashPasswordAsync(input.newPassword);
    },
    run: (_input, ctx, passwordHash) => {
      const user = requireUser(ctx);
      ctx.writer.update('users', user.id, null, { password_hash: passwordHash }, 'password');
      ctx.sessions.endAllFor(user.id, ctx.sessionId ?? undefined);
    },
  }),

  'securityPolicy.get': (_input, { db }) => readSecurityPolicy(db),

  'securityPolicy.update': (input, { writer }) => {
    writer.putSetting(SECURITY_POLICY_KEY, input);
    return input;
  },
};
