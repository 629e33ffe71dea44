import type { Page } from '@playwright/test';
import { ADMIN, expect, login, test } from './support/fixtures';

/** Terms Chinese office software writes as they are: file formats, and the GB2312/GBK in standard font names (仿宋_GB2312). */
const ACCEPTED_TERMS = ['PDF', 'Excel', 'CSV', 'GB2312', 'GBK'];

/**
 * Every visible word is Chinese. Latin letters may appear only in what the clerk entered
 * or the machine owns (user names, file paths, version numbers, installed font names —
 * the UI marks the latter with data-machine-text), removed here first.
 */
async function latinWords(page: Page, allowed: string[] = []): Promise<string[]> {
  let text = await page.locator('body').innerText();
  const machine = await page.locator('[data-machine-text]').allInnerTexts();
  for (const a of [...allowed, ...machine, ...ACCEPTED_TERMS].sort((x, y) => y.length - x.length)) text = text.split(a).join(' ');
  return text.match(/[A-Za-z]{2,}/g) ?? [];
}

test('界面上没有英文：首次设置、登录、各主要页面和对话框', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('button', { name: '完成设置' })).toBeVisible();
  await page.getByRole('button', { name: '完成设置' }).click();
  await expect(page.getByText('请填写发文机关名称')).toBeVisible();
  // "如 admin" is an example of a user name.
  expect(await latinWords(page, ['admin'])).toEqual([]);

  await app.initialize();
  const unit = await app.unit('县财政局');
  await app.person({ name: '张三', unitId: unit, birthMonth: '1980-05', idNumber: '11010519491231002X' });
  const gone = await app.person({ name: '李四', unitId: unit });
  await app.invoke('people.delete', { id: gone });

  await page.goto(app.url);
  await expect(page.getByRole('button', { name: /^登\s*录$/ })).toBeVisible();
  expect(await latinWords(page)).toEqual([]);
  await login(page, app);
  await expect(page.locator('.ant-table-row')).toHaveCount(1);
  expect(await latinWords(page, ['X'])).toEqual([]);

  await page.getByRole('button', { name: '编辑' }).click();
  await expect(page.getByRole('dialog', { name: '编辑人员' }).getByLabel('姓名')).toHaveValue('张三');
  expect(await latinWords(page, ['11010519491231002X', '002X'])).toEqual([]);
  await page.keyboard.press('Escape');

  await page.getByRole('menuitem', { name: '单位' }).click();
  await page.locator('.ant-tree-title', { hasText: '县财政局' }).click();
  await expect(page.getByTestId('unit-path')).toHaveText('县财政局');
  expect(await latinWords(page)).toEqual([]);

  await page.getByRole('menuitem', { name: '回收站' }).click();
  await expect(page.locator('.ant-table-row')).toHaveCount(1);
  expect(await latinWords(page)).toEqual([]);

  await page.getByRole('menuitem', { name: '设置' }).click();
  await expect(page.getByTestId('data-dir')).toBeVisible();
  expect(await latinWords(page, [app.host.core.config.databaseFile, app.dataDir])).toEqual([]);

  await page.getByRole('menuitem', { name: '账号管理' }).click();
  await expect(page.locator('.ant-table-row')).toHaveCount(1);
  expect(await latinWords(page, [ADMIN.username])).toEqual([]);
  await page.getByRole('button', { name: '新增账号' }).click();
  await page
    .getByRole('dialog', { name: '新增账号' })
    .getByRole('button', { name: /^保\s*存$/ })
    .click();
  await expect(page.getByText('请填写用户名')).toBeVisible();
  expect(await latinWords(page, [ADMIN.username])).toEqual([]);
});
