import { QueryClientProvider } from '@tanstack/react-query';
import { App as AntApp, Button, ConfigProvider, Result, Spin } from 'antd';
import { useCallback } from 'react';
import { useTextLimitNotice } from '../lib/textLimit';
import { useAccessibilityPatches } from '../lib/a11yPatches';
import zhCN from 'antd/locale/zh_CN';
import { useState } from 'react';
import { RouterProvider } from 'react-router';
import { createQueryClient } from '../api/queryClient';
import { LoginPage } from '../pages/auth/LoginPage';
import { SetupPage } from '../pages/auth/SetupPage';
import { RecoveryPage } from '../pages/backup/RecoveryPage';
import { AuthProvider, useAuth } from './auth';
import { router } from './router';
import { theme } from './theme';

export function App() {
  const [queryClient] = useState(createQueryClient);
  return (
    <ConfigProvider locale={zhCN} theme={theme}>
      {/* One message at a time: success notes used to pile up over the 签发/作废 dialogs. */}
      <AntApp style={{ height: '100%' }} message={{ maxCount: 1 }}>
        <QueryClientProvider client={queryClient}>
          <TextLimitNotice />
          <AuthProvider>
            <Gate />
          </AuthProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  );
}

/** Says a field's limit when typing or pasting goes past it (renderer/lib/textLimit.ts); antd's markup fixes (lib/a11yPatches.ts). */
function TextLimitNotice() {
  const { message } = AntApp.useApp();
  const warn = useCallback(
    (key: string, text: string) => void message.open({ key, type: 'warning', content: text, duration: 6 }),
    [message],
  );
  useTextLimitNotice(warn);
  useAccessibilityPatches();
  return null;
}

/** First run → setup; not logged in → login; else the main screens. */
function Gate() {
  const { state, reload } = useAuth();
  switch (state.status) {
    case 'loading':
      return (
        <div style={{ display: 'flex', height: '100%', alignItems: 'center', justifyContent: 'center' }}>
          <Spin size="large" tip="正在打开清廉台账…">
            <div style={{ width: 200, height: 80 }} />
          </Spin>
        </div>
      );
    case 'error':
      return (
        <Result
          status="error"
          title="无法打开清廉台账"
          subTitle={state.message}
          extra={
            <Button type="primary" onClick={() => void reload()}>
              重试
            </Button>
          }
        />
      );
    case 'damaged':
      return <RecoveryPage message={state.message} onRestored={() => void reload()} />;
    case 'setup':
      return <SetupPage />;
    case 'login':
      return <LoginPage />;
    case 'ready':
      return <RouterProvider router={router} />;
  }
}
