import { z } from 'zod';
import { optionalDateField } from '../shared/dateFields';
import { page, pageSize, recordId } from '../shared/fields';

/**
 * 操作记录 (the audit log) as the administrator reads it. Pure zod: the renderer uses
 * the same schemas for the filter form.
 */

/** What an entry records; the labels are what the log viewer shows. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  create: '新增',
  update: '修改',
  delete: '删除（移入回收站）',
  restore: '恢复',
  remove: '移除',
  login: '登录',
  'login-failed': '登录失败',
  password: '修改密码',
  roles: '设置角色',
  view: '查看',
  print: '排版打印',
  export: '导出',
  backup: '备份',
  'set-key': '设置密钥',
  allocate: '分配文号',
  void: '作废',
  scan: '上传扫描件',
  'scan-remove': '删除扫描件',
};

/** Tables and other things entries are about; channels (views, prints) are named by their title in core/api.ts. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  people: '人员',
  units: '单位',
  users: '账号',
  settings: '设置',
  sanctions: '处分记录',
  pending_matters: '在查事项',
  opinion_requests: '征求意见函',
  opinion_request_persons: '征求意见人员',
  opinion_replies: '意见回复',
  opinion_reply_items: '回复意见条目',
  opinion_section_checks: '科室核查',
  reminder_points: '严禁事项',
  reminder_letters: '廉洁提醒函',
  reminder_addressees: '提醒函主送对象',
  pledge_campaigns: '承诺批次',
  pledge_roster: '承诺名单',
  doc_numbers: '文号',
  backup: '备份',
};

export const auditListInput = z.object({
  userId: recordId('账号').optional(),
  action: z.string().trim().max(40, { error: '操作类型不能超过40个字' }).optional(),
  entity: z.string().trim().max(60, { error: '对象类型不能超过60个字' }).optional(),
  /** A record id, or part of one (e.g. a person's id from the dossier). */
  entityId: z.string().trim().max(60, { error: '记录编号不能超过60个字' }).optional(),
  from: optionalDateField('开始日期'),
  to: optionalDateField('结束日期'),
  page,
  pageSize,
});
export type AuditListInput = z.input<typeof auditListInput>;

/** One entry as displayed: 身份证号 masked wherever it appears. */
export interface AuditEntryView {
  seq: number;
  at: string;
  userId: string | null;
  userName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

/** The result of checking the chain from the first entry to the last. */
export interface AuditVerifyResult {
  ok: boolean;
  /** Entries checked (all of them when ok). */
  checked: number;
  /** The first entry whose link is broken, or null. */
  firstBroken: { seq: number; kind: 'edited' | 'missing-or-inserted'; message: string } | null;
  /** The last entry's seq and hash: written down, they show later whether the end of the log was cut off. */
  head: { seq: number; hash: string } | null;
}

export interface AuditFacets {
  actions: string[];
  entities: string[];
}
