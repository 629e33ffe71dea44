import type { Db } from '../../db/open';
import { AppError } from '../errors';
import { readSetting } from '../settings/queries';
import { DEFAULT_SECURITY_POLICY, passwordPolicyProblem, securityPolicySchema, type SecurityPolicy } from './policy';

export const SECURITY_POLICY_KEY = 'securityPolicy';

export function readSecurityPolicy(db: Db): SecurityPolicy {
  const parsed = securityPolicySchema.safeParse(readSetting<unknown>(db, SECURITY_POLICY_KEY));
  return parsed.success ? parsed.data : DEFAULT_SECURITY_POLICY;
}

/** Refuses a new password that breaks the administrator's rules; `field` names the form field for the message. */
export function enforcePasswordPolicy(db: Db, password: string, username: string | null, field: string): void {
  const problem = passwordPolicyProblem(readSecurityPolicy(db), password, username);
  if (problem) throw new AppError('VALIDATION', `输入有误，未保存：${problem}`, { [field]: problem });
}
