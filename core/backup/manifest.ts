/** What a backup says about itself: the manifest at the start of the plaintext. */
import { z } from 'zod';
import { backupError } from './errors';

export const manifestSchema = z.object({
  format: z.literal(1),
  app: z.literal('qinglian-ledger'),
  appVersion: z.string().max(50),
  schemaVersion: z.number().int().min(1),
  createdAt: z.string().max(40),
  createdBy: z.string().max(100).nullable(),
  kind: z.enum(['manual', 'automatic']),
  machine: z.string().max(200),
  sqliteVersion: z.string().max(40),
  backupId: z.string().regex(/^[0-9a-f]{32}$/),
  database: z.object({ size: z.number().int().min(512), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  counts: z.record(z.string().max(100), z.number().int().min(0)),
});

export type Manifest = z.infer<typeof manifestSchema>;

export function parseManifest(json: Buffer): Manifest {
  let raw: unknown;
  try {
    raw = JSON.parse(json.toString('utf8'));
  } catch {
    throw backupError('BACKUP_CORRUPT', '备份文件的清单无法读取（格式错误），文件已损坏。');
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw backupError('BACKUP_CORRUPT', '备份文件的清单内容不完整或不合规，文件已损坏或不是本程序生成的。');
  return parsed.data;
}

/** Chinese names of the tables shown to the clerk (others are listed by their SQL name). */
export const TABLE_LABELS: Record<string, string> = {
  people: '人员',
  units: '单位',
  users: '账号',
  sanctions: '处分记录',
  pending_matters: '在查事项',
  opinion_requests: '征求意见函',
  opinion_replies: '意见回复',
  audit_log: '操作记录',
  settings: '设置项',
};
