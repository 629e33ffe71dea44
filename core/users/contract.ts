import { z } from 'zod';
import { optionalText, recordId, requiredText, revision } from '../shared/fields';

/**
 * 承办人, 审核人, 签发人, 管理员, 导出备份 — one account may hold several. 导出备份 (exporter)
 * is the right to take a backup (the whole database) away; administrators have it anyway.
 */
export const ROLES = ['handler', 'reviewer', 'signer', 'admin', 'exporter'] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = {
  handler: '承办人',
  reviewer: '审核人',
  signer: '签发人',
  admin: '管理员',
  exporter: '导出备份',
};

export const username = z
  .string({ error: '请填写用户名' })
  .trim()
  .min(2, { error: '用户名至少2个字符' })
  .max(32, { error: '用户名不能超过32个字符' })
  .regex(/^[A-Za-z0-9_.\-\u4e00-\u9fa5]+$/, { error: '用户名只能包含汉字、字母、数字、下划线、点和横线' });

export const password = z
  .string({ error: '请填写密码' })
  .min(8, { error: '密码至少8位' })
  .max(128, { error: '密码不能超过128位' })
  .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), { error: '密码须同时包含字母和数字' });

export const roleList = z
  .array(z.enum(ROLES, { error: '角色不正确' }), { error: '请选择角色' })
  .min(1, { error: '请至少选择一个角色' })
  .transform((roles) => [...new Set(roles)]);

export interface UserSummary {
  id: string;
  rev: number;
  username: string;
  displayName: string;
  roles: Role[];
  active: boolean;
  createdAt: string;
}

/** The logged-in account as the renderer sees it. */
export interface CurrentUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
}

export const usersCreateInput = z.object({
  username,
  displayName: requiredText('姓名', 20),
  password,
  roles: roleList,
});

export const usersUpdateInput = z.object({
  id: recordId('账号'),
  rev: revision,
  displayName: requiredText('姓名', 20),
  roles: roleList,
  active: z.boolean({ error: '请选择是否启用' }),
});

export const usersResetPasswordInput = z.object({ id: recordId('账号'), password });

export const authLoginInput = z.object({
  username: z.string({ error: '请填写用户名' }).trim().min(1, { error: '请填写用户名' }).max(64),
  password: z.string({ error: '请填写密码' }).min(1, { error: '请填写密码' }).max(128),
});

/** 解锁: the locked session's own password. */
export const authUnlockInput = z.object({
  password: z.string({ error: '请填写密码' }).min(1, { error: '请填写密码' }).max(128, { error: '密码不能超过128位' }),
});

export const authChangePasswordInput = z
  .object({
    oldPassword: z.string({ error: '请填写原密码' }).min(1, { error: '请填写原密码' }).max(128),
    newPassword: password,
    newPasswordConfirm: z.string({ error: '请再次输入新密码' }),
  })
  .refine((v) => v.newPassword === v.newPasswordConfirm, { error: '两次输入的新密码不一致', path: ['newPasswordConfirm'] });

export interface LoginResult {
  sessionId: string;
  user: CurrentUser;
}

export { optionalText };
