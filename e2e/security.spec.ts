import fs from 'node:fs';
import path from 'node:path';
import { writeHandoverPage } from '../web/handover';
import { ADMIN, expect, login, test } from './support/fixtures';

test.describe('锁屏与登录', () => {
  test('无操作到设定时间后屏幕锁定、数据隐藏，输入密码后继续，填了一半的表单仍在', async ({ page, app }) => {
    await app.initialize();
    await app.invoke('securityPolicy.update', {
      minLength: 8,
      requireMixedCase: false,
      requireSymbol: false,
      forbidUsername: false,
      idleLockMinutes: 1,
    });
    await app.person({ name: '赵六' });
    // A fake clock: the idle minute passes at once, no waiting in the test.
    await page.clock.install();
    await login(page, app);
    await expect(page.getByRole('cell', { name: '赵六' })).toBeVisible();
    await page.getByRole('button', { name: '新增人员' }).click();
    const dialog = page.getByRole('dialog', { name: '新增人员' });
    await dialog.getByLabel('姓名').fill('钱七');

    await page.clock.fastForward('01:10');
    const lock = page.getByRole('dialog', { name: '屏幕已锁定' });
    await expect(lock).toBeVisible();
    await expect(page.getByRole('cell', { name: '赵六' })).toBeHidden();
    await expect(dialog).toBeHidden();
    // The core refuses data calls from the locked session too, not only the screen.
    const refused = await page.evaluate(async () => {
      const res = await fetch('/api/people.list', {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-qinglian-token': sessionStorage.getItem('qinglian.token') ?? '',
          'x-qinglian-session': sessionStorage.getItem('qinglian.session') ?? '',
        },
        body: '{}',
      });
      return ((await res.json()) as { error?: { code: string } }).error?.code;
    });
    expect(refused).toBe('LOCKED');

    await lock.getByLabel('密码').fill('Wrong2025');
    await lock.getByLabel('密码').press('Enter');
    await expect(lock.getByRole('alert')).toContainText('密码不正确，屏幕仍锁定');
    await lock.getByLabel('密码').fill(ADMIN.password);
    await lock.getByRole('button', { name: /解\s*锁/ }).click();
    await expect(lock).toBeHidden();
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel('姓名')).toHaveValue('钱七');
    await expect(page.getByRole('cell', { name: '赵六' })).toBeVisible();
  });

  test('管理员设置密码规则；输错的登录记入操作记录', async ({ page, app }) => {
    await app.initialize();
    await login(page, app);
    await page.getByRole('menuitem', { name: '设置' }).click();
    const card = page.locator('.ant-card').filter({ hasText: '账号安全' });
    await card.getByLabel('密码最短长度').fill('12');
    await card.getByText('须包含特殊符号').click();
    await card.getByRole('button', { name: '保存账号安全设置' }).click();
    await expect(page.getByText('账号安全设置已保存')).toBeVisible();
    expect((await app.invoke('securityPolicy.get', {})).minLength).toBe(12);
    await expect(card).toContainText('现行规则：至少12位，须同时包含字母和数字、特殊符号');

    await page.getByRole('button', { name: '退出登录' }).click();
    // Failed logins land in the audit log (the growing wait after them is tested in core/auth/auth.test.ts with a fake clock).
    for (let i = 1; i <= 3; i++) {
      await page.getByLabel('用户名').fill(ADMIN.username);
      await page.getByLabel('密码').fill('Wrong2025');
      await page.getByLabel('密码').press('Enter');
      await expect.poll(() => app.count("SELECT count(*) AS n FROM audit_log WHERE action = 'login-failed'")).toBe(i);
      // (the 已保存 message from the settings page may still be showing beside it)
      await expect(page.getByRole('alert').filter({ hasText: '用户名或密码不正确' })).toBeVisible();
    }
  });
});

test.describe('离线保证', () => {
  test('页面访问本机服务以外的地址会被记录并使测试失败（自检）', async ({ page, app, offlineRequests }) => {
    await page.goto(app.url);
    await expect(page.getByRole('heading', { name: /首次设置|清廉台账/ }).first()).toBeVisible();
    // The page's own fetch() would be refused by the CSP before any request; a navigation is not.
    await page.goto('http://offline-check.invalid/x').catch(() => null);
    expect(offlineRequests).toEqual(['http://offline-check.invalid/x']);
    // Emptied so this self-check passes; in every other test the list must stay empty.
    offlineRequests.length = 0;
  });
});

test.describe('浏览器模式令牌交接', () => {
  test('浏览器从本机私有文件打开，转到带令牌的地址，登录页出现且令牌不在地址栏', async ({ page, app }) => {
    await app.initialize();
    const handover = writeHandoverPage(path.join(app.dataDir, 'browser-handover'), app.url);
    app.host.onFirstAuthorizedCall(handover.remove);
    await page.goto(handover.address);
    await expect(page.getByRole('button', { name: /^登\s*录$/ })).toBeVisible();
    expect(page.url()).not.toContain(app.host.token);
    await expect.poll(() => fs.existsSync(handover.file)).toBe(false);
  });
});

test.describe('回避', () => {
  test('管理员在人员档案中指定回避账号；该账号在人员库查不到此人，直接打开档案也被拒绝', async ({ page, app }) => {
    await app.initialize();
    const clerk = { username: 'zhangke', password: 'Clerk2025', displayName: '张科员' };
    await app.invoke('users.create', { ...clerk, roles: ['handler', 'reviewer', 'signer'] });
    const recused = await app.person({ name: '赵回避' });
    await app.person({ name: '孙其他' });

    await login(page, app);
    await page.goto(`${app.url}#/people/${recused}`);
    await expect(page.getByRole('heading', { name: '人员档案 · 赵回避' })).toBeVisible();
    await page.getByRole('tab', { name: '回避' }).click();
    await expect(page.getByText('没有须回避的账号')).toBeVisible();
    await page.getByLabel('须回避的账号').click();
    // A multiple select: its dropdown stays open after a pick (pickOption waits for it to close).
    await page.locator('.ant-select-item-option').filter({ hasText: '张科员（zhangke）' }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '保存回避设置' }).click();
    await expect(page.getByText('回避设置已保存')).toBeVisible();
    await expect(page.getByRole('cell', { name: 'zhangke' })).toBeVisible();
    await expect(page.getByRole('cell', { name: '近亲属' })).toBeVisible();
    await page.getByRole('button', { name: '退出登录' }).click();

    await login(page, app, { ...clerk });
    await expect(page.getByRole('cell', { name: '孙其他' })).toBeVisible();
    await expect(page.getByRole('cell', { name: '赵回避' })).toBeHidden();
    await page.goto(`${app.url}#/people/${recused}`);
    await expect(page.getByRole('alert')).toContainText('没有找到该记录');
    await expect(page.getByText('赵回避')).toBeHidden();
  });
});
