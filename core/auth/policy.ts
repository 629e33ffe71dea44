/**
 * 账号安全 settings the administrator sets (issue 13, items 1 and 2): password rules on
 * top of the contract's floor (8 characters, letters and digits: core/users/contract.ts
 * `password`), and the idle lock's delay. Pure zod and a pure check: the renderer shows
 * the same messages in its forms.
 */
import { z } from 'zod';

export const securityPolicySchema = z.object({
  minLength: z
    .number({ error: '最短长度应为数字' })
    .int({ error: '最短长度应为整数' })
    .min(8, { error: '最短长度不能少于8位' })
    .max(64, { error: '最短长度不能超过64位' }),
  /** Both upper- and lower-case letters. */
  requireMixedCase: z.boolean({ error: '请选择是否要求大小写字母' }),
  /** At least one character that is neither a letter nor a digit. */
  requireSymbol: z.boolean({ error: '请选择是否要求特殊符号' }),
  /** The password may not contain the user name. */
  forbidUsername: z.boolean({ error: '请选择是否禁止包含用户名' }),
  /** 自动锁屏: minutes without keyboard or mouse before the screen is covered and the password asked again; 0 = never. */
  idleLockMinutes: z
    .number({ error: '自动锁屏时间应为数字' })
    .int({ error: '自动锁屏时间应为整数分钟' })
    .min(0, { error: '自动锁屏时间不能为负数' })
    .max(240, { error: '自动锁屏时间不能超过240分钟' }),
});
export type SecurityPolicy = z.output<typeof securityPolicySchema>;

export const DEFAULT_SECURITY_POLICY: SecurityPolicy = {
  minLength: 8,
  requireMixedCase: false,
  requireSymbol: false,
  forbidUsername: false,
  idleLockMinutes: 10,
};

/** The first rule `password` breaks, as a Chinese message; null when it passes. */
export function passwordPolicyProblem(policy: SecurityPolicy, password: string, username?: string | null): string | null {
  if (password.length < policy.minLength) return `密码至少${policy.minLength}位`;
  if (policy.requireMixedCase && !(/[a-z]/.test(password) && /[A-Z]/.test(password))) return '密码须同时包含大写和小写字母';
  if (policy.requireSymbol && !/[^A-Za-z0-9]/.test(password)) return '密码须包含至少一个特殊符号（如 ! @ # ￥）';
  if (policy.forbidUsername && username && username.length >= 2 && password.toLowerCase().includes(username.toLowerCase()))
    return '密码不能包含用户名';
  return null;
}

/** One line for forms: "至少10位，须同时包含字母和数字、大小写字母". */
export function describePasswordPolicy(policy: SecurityPolicy): string {
  const parts = ['字母和数字'];
  if (policy.requireMixedCase) parts.push('大小写字母');
  if (policy.requireSymbol) parts.push('特殊符号');
  return `至少${policy.minLength}位，须同时包含${parts.join('、')}${policy.forbidUsername ? '，不能包含用户名' : ''}`;
}
