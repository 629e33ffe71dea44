import { Button, Layout, Menu, Space, Tag, Typography } from 'antd';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { ROLE_LABELS } from '../../core/users/contract';
import { useAuth, useCurrentUser } from '../app/auth';
import { PATHS } from '../app/paths';
import { LETTER_PATHS } from '../pages/letters/paths';
import { useApiQuery } from '../api/hooks';
import { useDialog } from '../lib/useDialog';
import { ChangePasswordModal } from './ChangePasswordModal';
import { LockScreen, useIdleLock } from './IdleLock';
import { BackupStatusBanner } from '../pages/backup/BackupStatusBanner';

const { Header, Sider, Content } = Layout;

export function MainLayout() {
  const user = useCurrentUser();
  const { state, logout } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const changingPassword = useDialog();
  const settings = useApiQuery('settings.get', {});
  const officeName = settings.data?.authorityName ?? (state.status === 'ready' ? state.authorityName : null) ?? '';
  const isAdmin = user.roles.includes('admin');
  const idle = useIdleLock();

  const items = [
    { key: PATHS.home, label: '工作台' },
    { key: PATHS.people, label: '人员库' },
    { key: PATHS.opinionRequests, label: '征求意见' },
    { key: PATHS.opinionReplies, label: '意见回复' },
    { key: LETTER_PATHS.batch, label: '批量打印' },
    { key: PATHS.reminders, label: '廉洁提醒函' },
    { key: PATHS.pledges, label: '承诺书' },
    { key: PATHS.units, label: '单位' },
    { key: PATHS.statistics, label: '统计' },
    { key: PATHS.imports, label: '导入' },
    { key: PATHS.recycleBin, label: '回收站' },
    { key: PATHS.backup, label: '备份与恢复' },
    { key: PATHS.settings, label: '设置' },
    ...(isAdmin
      ? [
          { key: PATHS.users, label: '账号管理' },
          { key: PATHS.audit, label: '操作记录' },
        ]
      : []),
  ];
  // A reply's print page belongs to 意见回复; a page of no menu item highlights none
  // (it used to fall back to 人员库).
  const path = location.pathname.startsWith(`${PATHS.letterReply}/`) ? PATHS.opinionReplies : location.pathname;
  const selected = items.find((i) => (i.key === PATHS.home ? path === PATHS.home : path.startsWith(i.key)))?.key;

  return (
    <>
      {/* While locked the app stays mounted (forms keep their input) but is hidden (global.css) and unreachable. */}
      <Layout
        style={{ minHeight: '100%', visibility: idle.locked ? 'hidden' : undefined }}
        inert={idle.locked}
        aria-hidden={idle.locked || undefined}
      >
        <Header
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 16,
            background: '#8e1616',
            paddingInline: 20,
            height: 56,
            lineHeight: '56px',
          }}
        >
          <Typography.Text strong style={{ color: '#fff', fontSize: 18, whiteSpace: 'nowrap' }}>
            清廉台账
          </Typography.Text>
          <Typography.Text
            style={{ color: '#ffe7e7', fontSize: 15, flex: 1, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}
            data-testid="office-name"
          >
            {officeName}
          </Typography.Text>
          <Space size={8} style={{ color: '#fff' }}>
            <span data-testid="current-user">{user.displayName}</span>
            {user.roles.map((r) => (
              <Tag key={r} color="gold" style={{ marginInlineEnd: 0 }}>
                {ROLE_LABELS[r]}
              </Tag>
            ))}
            <Button size="small" ghost onClick={idle.lock}>
              锁屏
            </Button>
            <Button size="small" ghost onClick={() => changingPassword.open(true)}>
              修改密码
            </Button>
            <Button size="small" ghost onClick={() => void logout()}>
              退出登录
            </Button>
          </Space>
        </Header>
        <Layout>
          <Sider width={168} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
            <Menu
              mode="inline"
              selectedKeys={selected ? [selected] : []}
              items={items}
              onClick={(e) => navigate(e.key)}
              style={{ borderInlineEnd: 0, paddingTop: 8 }}
              aria-label="主菜单"
            />
          </Sider>
          <Content style={{ padding: 20, overflow: 'auto' }}>
            <BackupStatusBanner homePath={PATHS.people} />
            <Outlet />
          </Content>
        </Layout>
        <ChangePasswordModal key={changingPassword.key} open={changingPassword.isOpen} onClose={changingPassword.close} />
      </Layout>
      {idle.locked ? <LockScreen displayName={user.displayName} onUnlocked={idle.unlocked} onLogout={() => void logout()} /> : null}
    </>
  );
}
