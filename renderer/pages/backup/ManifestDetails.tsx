import { Descriptions } from 'antd';
import type { ManifestView } from '../../../core/backup/contract';
import { formatDateTime } from '../../lib/format';

export const formatSize = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;

/** What a backup contains: when, which version, how many records. */
export function ManifestDetails({ manifest, file }: { manifest: ManifestView; file?: string }) {
  return (
    <Descriptions column={1} size="small" bordered styles={{ label: { width: 140 } }} data-testid="backup-manifest">
      {file ? <Descriptions.Item label="备份文件">{file}</Descriptions.Item> : null}
      <Descriptions.Item label="备份时间">{formatDateTime(manifest.createdAt)}</Descriptions.Item>
      <Descriptions.Item label="备份方式">
        {manifest.kind === 'automatic' ? '自动备份' : `手动备份${manifest.createdBy ? `（${manifest.createdBy}）` : ''}`}
      </Descriptions.Item>
      <Descriptions.Item label="程序版本">{manifest.appVersion}</Descriptions.Item>
      <Descriptions.Item label="数据版本">{manifest.schemaVersion}</Descriptions.Item>
      <Descriptions.Item label="数据库大小">{formatSize(manifest.databaseSize)}</Descriptions.Item>
      <Descriptions.Item label="记录数">{manifest.counts.map((c) => `${c.label} ${c.count}`).join('，')}</Descriptions.Item>
    </Descriptions>
  );
}
