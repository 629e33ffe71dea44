import { hashPasswordAsync } from '../auth/password';
import { enforcePasswordPolicy } from '../auth/policyStore';
import { AppError, notFound } from '../errors';
import { preparedWrite, type HandlerMap } from '../host/handler';
import { countActiveAdmins, getUserSummary, listUsers, setRoles } from './queries';

const isUniqueViolation = (error: unknown) => (error as { code?: string })?.code === 'SQLITE_CONSTRAINT_UNIQUE';

export const usersHandlers: HandlerMap<
  'users.list' | 'users.create' | 'users.update' | 'users.resetPassword',
  'users.create' | 'users.resetPassword'
> = {
  'users.list': (_input, { db }) => listUsers(db),

  // scrypt runs off the main thread before the transaction: creating an account must not stop the host answering others.
  'users.create': preparedWrite<'users.create', string>({
    prepare: async (input, { db }) => {
      enforcePasswordPolicy(db, input.password, input.username, 'password');
      return hashPasswordAsync(input.password);
    },
    run: (input, { db, writer }, passwordHash) => {
      let id: string;
      try {
        id = writer.insert('users', {
          username: input.username,
          display_name: input.displayName,
          password_hash: passwordHash,
          active: 1,
        });
      } catch (error) {
        if (isUniqueViolation(error)) throw new AppError('CONFLICT', `用户名“${input.username}”已被使用。`, { username: '用户名已被使用' });
        throw error;
      }
      setRoles(db, id, input.roles);
      writer.audit('roles', 'users', id, null, { roles: input.roles });
      return getUserSummary(db, id)!;
    },
  }),

  'users.update': (input, { db, writer, sessions }) => {
    const before = getUserSummary(db, input.id);
    if (!before) throw notFound('账号');
    const keepsAdmin = input.active && input.roles.includes('admin');
    if (before.roles.includes('admin') && before.active && !keepsAdmin && countActiveAdmins(db, input.id) === 0) {
      throw new AppError('CONFLICT', '这是最后一个启用的管理员账号，不能取消其管理员角色或停用它。');
    }
    writer.update('users', input.id, input.rev, { display_name: input.displayName, active: input.active ? 1 : 0 });
    setRoles(db, input.id, input.roles);
    writer.audit('roles', 'users', input.id, { roles: before.roles }, { roles: input.roles });
    if (!input.active) sessions.endAllFor(input.id);
    return getUserSummary(db, input.id)!;
  },

  'users.resetPassword': preparedWrite<'users.resetPassword', string>({
    prepare: async (input, { db }) => {
      const target = getUserSummary(db, input.id);
      if (!target) throw notFound('账号');
      enforcePasswordPolicy(db, input.password, target.username, 'password');
      return hashPasswordAsync(input.password);
    },
    run: (input, { db, writer, sessions }, passwordHash) => {
      if (!getUserSummary(db, input.id)) throw notFound('账号');
      writer.update('users', input.id, null, { password_hash: passwordHash }, 'password');
      sessions.endAllFor(input.id);
    },
  }),
};
