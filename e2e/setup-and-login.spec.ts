import { ADMIN, OFFICE, expect, login, test } from './support/fixtures';

test.describe('首次设置与登录', () => {
  test('首次运行：填写发文机关、代字和管理员账号，然后用该账号登录', async ({ page, app }) => {
    await page.goto(app.url);
    await expect(page.getByRole('heading', { name: '清廉台账 · 首次设置' })).toBeVisible();
    // The access token left the address bar.
    expect(page.url()).not.toContain('t=');

    // Empty form: every required field says so, in Chinese; nothing is created.
    await page.getByRole('button', { name: '完成设置' }).click();
    await expect(page.getByText('请填写发文机关名称')).toBeVisible();
    await expect(page.getByText('请填写用户名')).toBeVisible();
    expect(app.count('SELECT count(*) AS n FROM users')).toBe(0);

    await page.getByLabel('发文机关名称').fill(OFFICE);
    await page.getByLabel('廉政意见回复代字').fill('某纪廉复');
    await page.getByLabel('廉洁提醒函代字').fill('某纪廉提');
    const year = new Date().getFullYear();
    await expect(page.getByTestId('opinion-example')).toHaveText(`文号示例：某纪廉复〔${year}〕1号`);
    await expect(page.getByTestId('reminder-example')).toHaveText(`文号示例：某纪廉提〔${year}〕1号`);

    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('姓名').fill(ADMIN.displayName);
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('再次输入密码').fill('Different1');
    await expect(page.getByLabel('同时担任承办人、审核人、签发人')).toBeChecked();
    await page.getByRole('button', { name: '完成设置' }).click();
    await expect(page.getByText('两次输入的密码不一致')).toBeVisible();
    expect(app.count('SELECT count(*) AS n FROM users')).toBe(0);

    await page.getByLabel('再次输入密码').fill(ADMIN.password);
    await page.getByRole('button', { name: '完成设置' }).click();

    // Now the login screen, with the office name.
    await expect(page.getByRole('button', { name: /^登\s*录$/ })).toBeVisible();
    await expect(page.getByText(OFFICE)).toBeVisible();
    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('密码').fill(ADMIN.password);
    await page.getByLabel('密码').press('Enter');

    await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
    await expect(page.getByTestId('office-name')).toHaveText(OFFICE);
    await expect(page.getByTestId('current-user')).toHaveText(ADMIN.displayName);
    for (const role of ['承办人', '审核人', '签发人', '管理员'])
      await expect(page.getByRole('banner').getByText(role, { exact: true })).toBeVisible();
    for (const item of ['人员库', '单位', '回收站', '设置', '账号管理'])
      await expect(page.getByRole('menuitem', { name: item })).toBeVisible();
  });

  test('密码错误：登录被拒绝，并显示中文提示', async ({ page, app }) => {
    await app.initialize();
    await page.goto(app.url);
    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('密码').fill('WrongPass1');
    await page.getByLabel('密码').press('Enter');
    await expect(page.getByRole('alert')).toContainText('用户名或密码不正确');
    await expect(page.getByRole('heading', { name: '工作台' })).toHaveCount(0);
    // The user name stays; the password field is cleared for the next try.
    await expect(page.getByLabel('用户名')).toHaveValue(ADMIN.username);
    await expect(page.getByLabel('密码')).toHaveValue('');

    await page.getByLabel('密码').fill(ADMIN.password);
    await page.getByLabel('密码').press('Enter');
    await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
  });

  test('退出登录后回到登录页；登录失效时自动回到登录页并说明原因', async ({ page, app }) => {
    await app.initialize();
    await login(page, app);
    await page.getByRole('button', { name: '退出登录' }).click();
    await expect(page.getByRole('button', { name: /^登\s*录$/ })).toBeVisible();

    // A clerk is working; meanwhile the administrator resets the clerk's password, which ends the clerk's sessions.
    const clerk = { username: 'lihua', password: 'Clerk2025', displayName: '李华' };
    const created = await app.invoke('users.create', { ...clerk, roles: ['handler'] });
    await login(page, app, clerk);
    await expect(page.getByRole('menuitem', { name: '账号管理' })).toHaveCount(0);
    await app.invoke('users.resetPassword', { id: created.id, password: 'Reset2025x' });
    await page.getByRole('menuitem', { name: '回收站' }).click();
    await expect(page.getByRole('button', { name: /^登\s*录$/ })).toBeVisible();
    await expect(page.getByText('登录已失效，请重新登录。')).toBeVisible();
  });

  test('修改密码：新密码可以登录', async ({ page, app }) => {
    await app.initialize();
    await login(page, app);
    await page.getByRole('button', { name: '修改密码' }).click();
    const dialog = page.getByRole('dialog', { name: '修改密码' });
    await dialog.getByLabel('原密码').fill(ADMIN.password);
    await dialog.getByLabel('新密码', { exact: true }).fill('short');
    await dialog.getByLabel('再次输入新密码').fill('short');
    await dialog.getByRole('button', { name: /保\s*存/ }).click();
    await expect(dialog.getByText('密码至少8位')).toBeVisible();
    await dialog.getByLabel('新密码', { exact: true }).fill('NewPass2026');
    await dialog.getByLabel('再次输入新密码').fill('NewPass2026');
    await dialog.getByLabel('再次输入新密码').press('Enter');
    await expect(dialog).toBeHidden();
    await page.getByRole('button', { name: '退出登录' }).click();
    await login(page, app, { ...ADMIN, password: 'NewPass2026' });
  });
});
