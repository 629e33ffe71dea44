import { ADMIN, expect, login, test } from './support/fixtures';
import { pickUnit, row } from './support/ui';

test('重启程序后数据仍在（重新登录后可见）', async ({ page, app }) => {
  await app.initialize();
  await app.unit('县财政局');
  await login(page, app);

  // Enter a person through the UI.
  await page.getByRole('button', { name: '新增人员' }).click();
  const dialog = page.getByRole('dialog', { name: '新增人员' });
  await expect(dialog.getByLabel('姓名')).toBeFocused();
  await page.keyboard.insertText('欧阳娜娜');
  await dialog.getByLabel('出生年月').fill('1988-08');
  await pickUnit(page, dialog.getByLabel('单位', { exact: true }), '县财政局');
  await dialog.getByLabel('职务', { exact: true }).fill('科长');
  await dialog.getByLabel('职务', { exact: true }).press('Enter');
  await expect(dialog).toBeHidden();
  await expect(row(page, '欧阳娜娜')).toBeVisible();

  await app.restart();
  await page.goto(app.url);
  // A new host start: the old session is gone, the clerk logs in again.
  await expect(page.getByRole('button', { name: /^登\s*录$/ })).toBeVisible();
  await login(page, app, ADMIN);
  await expect(row(page, '欧阳娜娜')).toContainText('1988年8月');
  await expect(row(page, '欧阳娜娜')).toContainText('县财政局');
  await page.getByLabel('搜索人员').click();
  await page.keyboard.insertText('oynn');
  await expect(row(page, '欧阳娜娜')).toContainText('科长');
  await page.getByRole('menuitem', { name: '单位' }).click();
  await expect(page.locator('.ant-tree-title', { hasText: '县财政局' })).toBeVisible();
});
