/**
 * 自动锁屏 (issue 13, item 2): after the minutes the administrator set without keyboard,
 * mouse or touch, the screen is covered, the data under it hidden (not unmounted: forms
 * keep what was typed) and the session locked in the core, which then refuses every
 * data call until the password is given again. "锁屏" in the header locks at once.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { call, onLocked } from '../api/client';
import { errorMessage } from '../api/errors';
import { useApiQuery } from '../api/hooks';

const ACTIVITY_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;
const CHECK_EVERY_MS = 5_000;

/** Whether the screen is locked, and `lock()` for the header button. */
export function useIdleLock(): { locked: boolean; lock: () => void; unlocked: () => void } {
  const policy = useApiQuery('securityPolicy.get', {});
  const minutes = policy.data?.idleLockMinutes ?? 0;
  const [locked, setLocked] = useState(false);
  const lastActivity = useRef(0);
  const queryClient = useQueryClient();

  const lock = useCallback(() => {
    setLocked(true);
    // The core refuses data calls from now on; if this call is lost, the next refusal still shows the lock.
    void call('auth.lock', {}).catch(() => undefined);
  }, []);

  const unlocked = useCallback(() => {
    lastActivity.current = Date.now();
    setLocked(false);
    // Queries refused while locked read again.
    void queryClient.invalidateQueries();
  }, [queryClient]);

  useEffect(() => onLocked(() => setLocked(true)), []);

  // Everything else on the page (the app and antd's dialogs and drawers, which live
  // outside it) is hidden while locked: global.css `body.screen-locked`.
  useEffect(() => {
    document.body.classList.toggle('screen-locked', locked);
    return () => document.body.classList.remove('screen-locked');
  }, [locked]);

  useEffect(() => {
    if (!minutes || locked) return;
    const touch = () => (lastActivity.current = Date.now());
    touch();
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, touch, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      if (Date.now() - lastActivity.current >= minutes * 60_000) lock();
    }, CHECK_EVERY_MS);
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, touch, { capture: true });
      window.clearInterval(timer);
    };
  }, [minutes, locked, lock]);

  return { locked, lock, unlocked };
}

/** The cover: the account's name, its password, 解锁; 退出登录 for someone else. */
export function LockScreen({ displayName, onUnlocked, onLogout }: { displayName: string; onUnlocked: () => void; onLogout: () => void }) {
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  return createPortal(
    <div
      className="lock-screen"
      role="dialog"
      aria-modal="true"
      aria-label="屏幕已锁定"
      style={{
        position: 'fixed',
        inset: 0,
        zIndex: 2000,
        background: '#f5f0f0',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
      }}
    >
      <div style={{ width: 360, background: '#fff', padding: 32, borderRadius: 8, boxShadow: '0 4px 24px rgba(0,0,0,0.12)' }}>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          屏幕已锁定
        </Typography.Title>
        <Typography.Paragraph type="secondary">
          {displayName}，长时间未操作，屏幕已锁定。请输入密码继续，未保存的内容仍保留。
        </Typography.Paragraph>
        {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
        <Form
          form={form}
          layout="vertical"
          name="unlock"
          onFinish={async ({ password }) => {
            setError(null);
            setBusy(true);
            try {
              await call('auth.unlock', { password: password ?? '' });
              form.resetFields();
              onUnlocked();
            } catch (e) {
              setError(errorMessage(e));
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item label="密码" name="password" rules={[{ required: true, message: '请填写密码' }]}>
            <Input.Password autoFocus autoComplete="current-password" />
          </Form.Item>
          <div style={{ display: 'flex', gap: 8, justifyContent: 'space-between' }}>
            <Button onClick={onLogout}>退出登录</Button>
            <Button type="primary" htmlType="submit" loading={busy}>
              解锁
            </Button>
          </div>
        </Form>
      </div>
    </div>,
    document.body,
  );
}
