import { z } from 'zod';
import { officeSettingsSchema } from '../settings/contract';
import { password, username } from '../users/contract';
import { requiredText } from '../shared/fields';

export const setupInitializeInput = officeSettingsSchema
  .extend({
    adminUsername: username,
    adminDisplayName: requiredText('管理员姓名', 20),
    adminPassword: password,
    adminPasswordConfirm: z.string({ error: '请再次输入密码' }),
    /** A one-person office: the administrator also drafts, reviews and signs. */
    adminHoldsAllRoles: z.boolean().default(true),
  })
  .refine((v) => v.adminPassword === v.adminPasswordConfirm, {
    error: '两次输入的密码不一致',
    path: ['adminPasswordConfirm'],
  });

export interface SetupStatus {
  initialized: boolean;
  authorityName: string | null;
}
