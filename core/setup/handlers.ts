import { hashPasswordAsync } from '../auth/password';
import { AppError } from '../errors';
import { preparedWrite, type HandlerMap } from '../host/handler';
import { isInitialized } from './status';
import { readOfficeSettings, SETTING_KEYS } from '../settings/queries';
import { setRoles } from '../users/queries';
import { ROLES, type Role } from '../users/contract';

const alreadyInitialized = () => new AppError('ALREADY_INITIALIZED', '首次设置已经完成，不能重复设置。如需修改请以管理员身份进入“设置”。');

export const setupHandlers: HandlerMap<'setup.status' | 'setup.initialize', 'setup.initialize'> = {
  'setup.status': (_input, { db }) => ({
    initialized: isInitialized(db),
    authorityName: readOfficeSettings(db)?.authorityName ?? null,
  }),

  // The administrator's password is hashed off the main thread first; the write re-checks that setup is still open.
  'setup.initialize': preparedWrite<'setup.initialize', string>({
    prepare: async (input, { db }) => {
      if (isInitialized(db)) throw alreadyInitialized();
      return hashPasswordAsync(input.adminPassword);
    },
    run: (input, { db, writer }, passwordHash) => {
      if (isInitialized(db)) throw alreadyInitialized();
      writer.putSetting(SETTING_KEYS.office, { authorityName: input.authorityName, docPrefixes: input.docPrefixes });
      const id = writer.insert('users', {
        username: input.adminUsername,
        display_name: input.adminDisplayName,
        password_hash: passwordHash,
        active: 1,
      });
      const roles: Role[] = input.adminHoldsAllRoles ? [...ROLES] : ['admin'];
      setRoles(db, id, roles);
      writer.audit('roles', 'users', id, null, { roles });
    },
  }),
};
