/**
 * The home screen's backup line: when the last successful backup was, and a warning when
 * it is older than the administrator's setting (or there never was one).
 */
import { Alert, Button, Typography } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router';
import { useApiQuery } from '../../api/hooks';
import { formatDateTime } from '../../lib/format';

export const BACKUP_PATH = '/backup';

export function BackupStatusBanner({ homePath }: { homePath: string }) {
  const location = useLocation();
  const navigate = useNavigate();
  const status = useApiQuery('backup.status', {}, { staleTime: 60_000 });
  const s = status.data;
  if (!s || location.pathname.startsWith(BACKUP_PATH)) return null;
  const home = location.pathname === homePath || location.pathname === '/';
  const when = (l: NonNullable<typeof s.lastSuccess>) => `${formatDateTime(l.at)}${l.kind === 'automatic' ? '（自动）' : ''}`;
  // The status never points at a file that is gone; when the last one was removed, say so.
  const last = s.lastSuccessGone
    ? `${formatDateTime(s.lastSuccessGone.at)} 的备份文件已不在原位置（被删除或移走）；${s.lastSuccess ? `仍在的最近一次成功备份：${when(s.lastSuccess)}` : '没有仍在的备份'}`
    : s.lastSuccess
      ? `上次成功备份：${when(s.lastSuccess)}`
      : '还没有成功备份过';
  if (s.stale) {
    return (
      <Alert
        type="warning"
        showIcon
        role="status"
        data-testid="backup-banner"
        style={{ marginBottom: 12 }}
        title={`${last}${s.lastSuccess ? `，已超过 ${s.warnAfterDays} 天` : ''}。请及时备份，以防硬盘损坏丢失数据。`}
        action={
          <Button size="small" onClick={() => navigate(BACKUP_PATH)}>
            去备份
          </Button>
        }
      />
    );
  }
  if (!home) return null;
  return (
    <Typography.Paragraph type="secondary" data-testid="backup-banner" style={{ marginBottom: 8 }}>
      {last}
      {/* The work board's backup line opens what is behind it, like every other line (issue 16 §4). */}
      {'\u3000'}
      <Link to={BACKUP_PATH}>查看备份</Link>
    </Typography.Paragraph>
  );
}
