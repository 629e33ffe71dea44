/**
 * Choosing a folder or a backup file on the machine the host runs on (browser mode: the
 * host is this computer; the list comes from `backup.list`). The path can also be typed.
 * In Electron, 浏览… opens the system's chooser instead (electron/dialogRelay.ts).
 */
import { Alert, Button, Empty, Flex, Input, List, Modal, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { BackupListing, BackupPlaces } from '../../../core/backup/contract';
import { call } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useApiQuery } from '../../api/hooks';
import { formatDateTime } from '../../lib/format';
import { formatSize } from './ManifestDetails';

export function PathInput({
  value,
  onChange,
  mode,
  placeholder,
  id,
}: {
  value?: string;
  onChange?: (v: string) => void;
  mode: 'folder' | 'file';
  placeholder?: string;
  id?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input id={id} value={value} onChange={(e) => onChange?.(e.target.value)} placeholder={placeholder} />
      <Button
        onClick={async () => {
          // Electron: the system's own chooser (dialog.showOpenDialog); browser mode: the host's folders.
          const native = window.qinglian?.choosePath;
          if (!native) return setOpen(true);
          const chosen = await native(mode === 'folder' ? 'folder' : 'backupFile');
          if (chosen) onChange?.(chosen);
        }}
      >
        浏览…
      </Button>
      <PathPicker
        open={open}
        mode={mode}
        start={value}
        onClose={() => setOpen(false)}
        onPick={(p) => {
          onChange?.(p);
          setOpen(false);
        }}
      />
    </Space.Compact>
  );
}

/**
 * Where backups usually are, in plain words: the removable drives plugged in now (or that
 * none is), and the folders the administrator allowed. Never the home folder.
 */
export function PlacesNote({ places }: { places: BackupPlaces | undefined }) {
  if (!places) return null;
  return (
    <span data-testid="backup-places">
      {places.removable.length ? `U 盘、移动硬盘：${places.removable.slice(0, 3).join('、')}。` : places.note}
      {places.allowed.length ? ` 管理员允许的备份文件夹：${places.allowed.slice(0, 3).join('、')}。` : ''}
      {places.anywhere ? '' : ' 只能使用 U 盘、移动硬盘和管理员允许的文件夹。'}
    </span>
  );
}

function PathPicker({
  open,
  mode,
  start,
  onClose,
  onPick,
}: {
  open: boolean;
  mode: 'folder' | 'file';
  start?: string;
  onClose: () => void;
  onPick: (path: string) => void;
}) {
  const places = useApiQuery('backup.places', {}, { enabled: open });
  const shortcuts = [...(places.data?.removable ?? []), ...(places.data?.allowed ?? [])];
  const [listing, setListing] = useState<BackupListing | null>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);

  const latest = useRef(0);
  const go = async (folder: string) => {
    setError(null);
    const mine = ++latest.current;
    try {
      const l = await call('backup.list', { folder });
      if (mine !== latest.current) return; // a later request (the clerk typed or clicked) wins
      setListing(l);
      // Keep what the clerk is typing meanwhile; otherwise show the folder as the host resolved it.
      setTyped((prev) => (prev === '' || prev === folder ? l.folder : prev));
    } catch (e) {
      if (mine === latest.current) setError(errorMessage(e));
    }
  };

  return (
    <Modal
      open={open}
      title={mode === 'folder' ? '选择备份文件夹' : '选择备份文件'}
      onCancel={onClose}
      afterOpenChange={(visible) => {
        if (visible && !listing && latest.current === 0) {
          const first = start?.trim() ? (mode === 'file' ? start.replace(/[\\/][^\\/]*$/, '') : start) : shortcuts[0];
          if (first) void go(first);
        }
      }}
      footer={
        mode === 'folder'
          ? [
              <Button key="c" onClick={onClose}>
                取消
              </Button>,
              <Button key="ok" type="primary" disabled={!listing} onClick={() => listing && onPick(listing.folder)}>
                选择此文件夹
              </Button>,
            ]
          : [
              <Button key="c" onClick={onClose}>
                取消
              </Button>,
            ]
      }
      width={640}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        文件夹和文件都在运行清廉台账的这台电脑上。
        <PlacesNote places={places.data} />{' '}
        <Button size="small" type="link" onClick={() => void places.refetch()} loading={places.isFetching}>
          刷新
        </Button>
      </Typography.Paragraph>
      <Space.Compact style={{ width: '100%', marginBottom: 8 }}>
        <Input value={typed} onChange={(e) => setTyped(e.target.value)} onPressEnter={() => void go(typed)} aria-label="文件夹路径" />
        <Button onClick={() => void go(typed)}>打开</Button>
        <Button disabled={!listing?.parent} onClick={() => listing?.parent && void go(listing.parent)}>
          上一级
        </Button>
      </Space.Compact>
      <Flex gap={4} wrap style={{ marginBottom: 8 }}>
        {shortcuts.map((f) => (
          <Button key={f} size="small" onClick={() => void go(f)}>
            {f}
          </Button>
        ))}
      </Flex>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} /> : null}
      {listing ? (
        <div style={{ maxHeight: 360, overflow: 'auto' }}>
          <List
            size="small"
            bordered
            locale={{ emptyText: <Empty description="此文件夹中没有子文件夹或备份文件" /> }}
            dataSource={[
              ...listing.folders.map((f) => ({ key: `d:${f}`, kind: 'folder' as const, name: f })),
              ...(mode === 'file'
                ? listing.backups.map((b) => ({ key: `f:${b.name}`, kind: 'file' as const, name: b.name, info: b }))
                : []),
            ]}
            renderItem={(item) => (
              <List.Item
                style={{ cursor: 'pointer' }}
                onClick={() =>
                  item.kind === 'folder' ? void go(`${listing.folder}/${item.name}`.replace(/\/\//g, '/')) : onPick(item.info.file)
                }
              >
                {item.kind === 'folder' ? (
                  <span>📁 {item.name}</span>
                ) : (
                  <Flex justify="space-between" style={{ width: '100%' }}>
                    <span>🗄 {item.name}</span>
                    <Typography.Text type={item.info.problem ? 'danger' : 'secondary'}>
                      {item.info.problem ??
                        `${formatDateTime(item.info.createdAt)}${item.info.automatic ? ' 自动' : ''} · ${formatSize(item.info.size)}`}
                    </Typography.Text>
                  </Flex>
                )}
              </List.Item>
            )}
          />
        </div>
      ) : null}
    </Modal>
  );
}
