import { ADMIN, expect, login, test } from './support/fixtures';

test.describe('与后台的连接', () => {
  test('浏览器模式：访问令牌从地址栏移除后仍有效，刷新页面保持登录', async ({ page, app }) => {
    await app.initialize();
    await login(page, app);
    expect(page.url()).not.toContain(app.host.token);
    await page.reload();
    await expect(page.getByRole('heading', { name: '人员库' })).toBeVisible();
    await expect(page.getByTestId('current-user')).toHaveText(ADMIN.displayName);
  });

  test('没有访问令牌时显示服务器的中文说明', async ({ page, app }) => {
    await page.goto(app.host.origin + '/');
    await expect(page.getByText('无法打开清廉台账')).toBeVisible();
    await expect(page.getByText('访问令牌不正确，请使用启动时显示的地址重新打开。')).toBeVisible();
  });

  test('桌面版：有 window.qinglian 时所有调用都经由它（带会话编号），不直接请求 /api', async ({ page, app }) => {
    await app.initialize();
    // A stand-in for Electron's preload bridge, forwarding to the test host.
    await page.addInitScript(
      ({ token }) => {
        const calls: { channel: string; sessionId: string | null }[] = [];
        (window as unknown as { __bridgeCalls: typeof calls }).__bridgeCalls = calls;
        (window as unknown as { qinglian: unknown }).qinglian = Object.freeze({
          shell: 'electron',
          invoke: async (channel: string, input: unknown, sessionId?: string | null) => {
            calls.push({ channel, sessionId: sessionId ?? null });
            const headers: Record<string, string> = { 'content-type': 'application/json', 'x-qinglian-token': token };
            if (sessionId) headers['x-qinglian-session'] = sessionId;
            const res = await fetch('/api/' + channel, { method: 'POST', headers, body: JSON.stringify(input ?? {}) });
            return res.json();
          },
        });
      },
      { token: app.host.token },
    );
    const direct: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/')) direct.push(r.url());
    });
    // No ?t= in the address: only the bridge knows how to reach the backend.
    await page.goto(app.host.origin + '/');
    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('密码').fill(ADMIN.password);
    await page.getByLabel('密码').press('Enter');
    await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
    await page.getByRole('menuitem', { name: '设置' }).click();
    await expect(page.getByTestId('data-dir')).toContainText(app.dataDir);
    const calls = await page.evaluate(
      () => (window as unknown as { __bridgeCalls: { channel: string; sessionId: string | null }[] }).__bridgeCalls,
    );
    const channels = calls.map((c) => c.channel);
    expect(channels).toEqual(expect.arrayContaining(['setup.status', 'auth.login', 'workBoard.get', 'settings.get', 'app.info']));
    expect(calls.find((c) => c.channel === 'auth.login')!.sessionId).toBeNull();
    expect(calls.filter((c) => c.channel === 'people.list').every((c) => typeof c.sessionId === 'string' && c.sessionId.length > 10)).toBe(
      true,
    );
    // Every /api request came from the bridge (one per bridge call), none from the renderer's own fetch.
    expect(direct.length).toBe(calls.length);
  });
});
