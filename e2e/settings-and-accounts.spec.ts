import { ADMIN, OFFICE, expect, login, test } from './support/fixtures';
import { row } from './support/ui';

test.describe('设置与账号管理', () => {
  test('设置：显示数据文件夹、数据库文件、版本；管理员修改发文机关名称后页头随之更新', async ({ page, app }) => {
    await app.initialize();
    await login(page, app);
    await page.getByRole('menuitem', { name: '设置' }).click();
    await expect(page.getByTestId('data-dir')).toContainText(app.dataDir);
    await expect(page.getByTestId('database-file')).toContainText(app.host.core.config.databaseFile);
    const info = await app.invoke('app.info', {});
    await expect(page.getByText(info.version, { exact: true })).toBeVisible();
    await expect(page.getByRole('row').filter({ hasText: '数据库结构版本' })).toContainText(String(info.schemaVersion));

    await expect(page.getByLabel('发文机关名称')).toHaveValue(OFFICE);
    await page.getByLabel('廉政意见回复代字').fill('某纪廉复【');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expect(page.getByText('廉政意见回复代字只填代字（如“×纪廉复”），不要带括号或年份')).toBeVisible();
    await page.getByLabel('廉政意见回复代字').fill('新纪廉复');
    await expect(page.getByText(`文号示例：新纪廉复〔${new Date().getFullYear()}〕1号`)).toBeVisible();
    await page.getByLabel('发文机关名称').fill('某某县纪委县监委');
    await page.getByRole('button', { name: '保存设置' }).click();
    await expect(page.getByTestId('office-name')).toHaveText('某某县纪委县监委');
    expect((await app.invoke('settings.get', {})).docPrefixes.opinionReply).toBe('新纪廉复');
  });

  test('账号管理：新增带角色的账号，该账号登录后只有相应菜单且不能改设置；停用后不能登录', async ({ page, app }) => {
    await app.initialize();
    await login(page, app);
    await page.getByRole('menuitem', { name: '账号管理' }).click();
    await expect(row(page, ADMIN.username)).toContainText('管理员');

    await page.getByRole('button', { name: '新增账号' }).click();
    const dialog = page.getByRole('dialog', { name: '新增账号' });
    await expect(dialog.getByLabel('用户名')).toBeFocused();
    await page.keyboard.insertText('liuqi');
    await dialog.getByLabel('姓名').fill('刘七');
    await dialog.getByLabel('初始密码').fill('Clerk2025');
    await dialog.getByLabel('再次输入密码').fill('Clerk2025');
    // No role is ticked until the administrator ticks one.
    for (const role of ['承办人', '审核人', '签发人', '管理员', '导出备份']) await expect(dialog.getByLabel(role)).not.toBeChecked();
    await dialog.getByLabel('审核人').check();
    await dialog.getByLabel('承办人').check();
    await dialog.getByLabel('再次输入密码').press('Enter');
    await expect(dialog).toBeHidden();
    const r = row(page, 'liuqi');
    await expect(r).toContainText('刘七');
    await expect(r).toContainText('承办人');
    await expect(r).toContainText('审核人');
    await expect(r).toContainText('启用');

    // Same user name again: the server's message appears on the field.
    await page.getByRole('button', { name: '新增账号' }).click();
    await expect(dialog.getByLabel('用户名')).toBeFocused();
    await page.keyboard.insertText('liuqi');
    await dialog.getByLabel('姓名').fill('刘七七');
    await dialog.getByLabel('初始密码').fill('Clerk2025');
    await dialog.getByLabel('再次输入密码').fill('Clerk2025');
    await dialog.getByLabel('承办人').check();
    await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
    await expect(dialog.getByText('用户名已被使用')).toBeVisible();
    await dialog.getByRole('button', { name: /^取\s*消$/ }).click();
    await page.getByRole('button', { name: '放弃并关闭' }).click();

    // Edit roles: add 签发人.
    await r.getByRole('button', { name: '编辑' }).click();
    const edit = page.getByRole('dialog', { name: '编辑账号“liuqi”' });
    await edit.getByLabel('签发人').check();
    await edit.getByRole('button', { name: /^保\s*存$/ }).click();
    await expect(edit).toBeHidden();
    await expect(r).toContainText('签发人');

    // The new account: no 账号管理, settings read-only.
    await page.getByRole('button', { name: '退出登录' }).click();
    await login(page, app, { username: 'liuqi', password: 'Clerk2025', displayName: '刘七' });
    await expect(page.getByTestId('current-user')).toHaveText('刘七');
    await expect(page.getByRole('menuitem', { name: '账号管理' })).toHaveCount(0);
    await page.getByRole('menuitem', { name: '设置' }).click();
    const office = page.locator('.ant-card').filter({ hasText: '发文机关与文号' });
    await expect(office.getByText('只有管理员可以修改这些设置。')).toBeVisible();
    await expect(page.getByLabel('发文机关名称')).toBeDisabled();
    await page.goto(app.url.replace(/\?.*$/, '') + '#/users');
    await expect(page.getByText('账号管理只对管理员开放。')).toBeVisible();

    // Disabled by the administrator: login refused.
    await page.getByRole('button', { name: '退出登录' }).click();
    await login(page, app);
    await page.getByRole('menuitem', { name: '账号管理' }).click();
    await row(page, 'liuqi').getByRole('button', { name: '编辑' }).click();
    await edit.getByRole('switch').click();
    await edit.getByRole('button', { name: /^保\s*存$/ }).click();
    await expect(row(page, 'liuqi')).toContainText('停用');
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByLabel('用户名').fill('liuqi');
    await page.getByLabel('密码').fill('Clerk2025');
    await page.getByLabel('密码').press('Enter');
    await expect(page.getByRole('alert').filter({ hasText: '该账号已停用，请联系管理员。' })).toBeVisible();
  });

  test('重置密码后该账号用新密码登录', async ({ page, app }) => {
    await app.initialize();
    await app.invoke('users.create', { username: 'chenba', displayName: '陈八', password: 'Clerk2025', roles: ['handler'] });
    await login(page, app);
    await page.getByRole('menuitem', { name: '账号管理' }).click();
    await row(page, 'chenba').getByRole('button', { name: '重置密码' }).click();
    const dialog = page.getByRole('dialog', { name: '重置“陈八”的密码' });
    await expect(dialog.getByLabel('新密码', { exact: true })).toBeFocused();
    await page.keyboard.insertText('abcdefgh');
    await dialog.getByLabel('再次输入新密码').fill('abcdefgh');
    await dialog.getByLabel('再次输入新密码').press('Enter');
    await expect(dialog.getByText('密码须同时包含字母和数字')).toBeVisible();
    await dialog.getByLabel('新密码', { exact: true }).fill('Reset2026');
    await dialog.getByLabel('再次输入新密码').fill('Reset2026');
    await dialog.getByLabel('再次输入新密码').press('Enter');
    await expect(dialog).toBeHidden();
    await page.getByRole('button', { name: '退出登录' }).click();
    await login(page, app, { username: 'chenba', password: 'Reset2026', displayName: '陈八' });
  });
});
