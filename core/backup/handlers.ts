import { AppError } from '../errors';
import type { HandlerContext } from '../host/context';
import type { HandlerMap } from '../host/handler';
import type { BackupActor, BackupService } from './service';
import { BACKUP_SETTINGS_KEY, readBackupSettings } from './settings';

type BackupChannel =
  | 'backup.status'
  | 'backup.startCreate'
  | 'backup.startVerify'
  | 'backup.startRestore'
  | 'backup.job'
  | 'backup.cancel'
  | 'backup.list'
  | 'backup.places'
  | 'backup.settingsGet'
  | 'backup.settingsUpdate'
  | 'backup.setAutoKey'
  | 'backup.runAuto'
  | 'backup.recoveryStatus'
  | 'backup.startRecoveryRestore';

function service(ctx: HandlerContext): BackupService {
  if (!ctx.backup) throw new AppError('INTERNAL', '备份服务未启动。');
  return ctx.backup;
}

/** The caller as the backup service sees it (null: no session, only on the recovery page of a damaged file). */
function actor(ctx: HandlerContext): BackupActor | null {
  return ctx.user ? { id: ctx.user.id, displayName: ctx.user.displayName, isAdmin: ctx.user.roles.includes('admin') } : null;
}

function loggedIn(ctx: HandlerContext): BackupActor {
  const a = actor(ctx);
  if (!a) throw new AppError('UNAUTHENTICATED', '登录已失效，请重新登录。');
  return a;
}

export const backupHandlers: HandlerMap<BackupChannel> = {
  'backup.status': (_input, ctx) => service(ctx).status(ctx.db, loggedIn(ctx)),
  'backup.startCreate': (input, ctx) => service(ctx).startCreate(input, loggedIn(ctx)),
  'backup.startVerify': (input, ctx) => service(ctx).startVerify(input, loggedIn(ctx)),
  'backup.startRestore': (input, ctx) => service(ctx).startRestore(input, ctx.user?.id ?? null),
  'backup.job': (input, ctx) => service(ctx).job(input.jobId),
  'backup.cancel': (input, ctx) => service(ctx).cancel(input.jobId, actor(ctx)),
  'backup.list': (input, ctx) => service(ctx).list(input.folder, actor(ctx)),
  'backup.places': (_input, ctx) => service(ctx).places(actor(ctx)),
  'backup.settingsGet': (_input, ctx) => readBackupSettings(ctx.db),
  'backup.settingsUpdate': (input, ctx) => {
    ctx.writer.putSetting(BACKUP_SETTINGS_KEY, input);
    return input;
  },
  'backup.setAutoKey': async (input, ctx) => {
    await service(ctx).setAutoKey(input.passphrase);
    ctx.writer.audit('set-key', 'backup', null, null, { what: '自动备份密钥' });
  },
  'backup.runAuto': (_input, ctx) => service(ctx).startAuto(),
  'backup.recoveryStatus': (_input, ctx) => service(ctx).recoveryStatus(),
  'backup.startRecoveryRestore': (input, ctx) => service(ctx).startRecoveryRestore(input),
};
