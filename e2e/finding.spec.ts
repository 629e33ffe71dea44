/**
 * Finding the right person and unit fast, and the small things a clerk notices (issue 16
 * §2 and §5): units found by their 简称, quick-find options that tell two 张伟 apart, the
 * keyboard (first field focused, Tab skips clear buttons, Enter saves), Chinese names for
 * clear buttons and loading buttons, list titles reachable with Tab, 清空名单 asks first,
 * the menu on the print page.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, login, test } from './support/fixtures';
import { confirmDialog, openSettledDropdown, pickOption } from './support/ui';

const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);
const button = (scope: Page | Locator, text: string) => scope.getByRole('button', { name: label(text) });

test.describe('查找与键盘', () => {
  test.describe.configure({ timeout: 180_000 });

  test('单位按简称查找；快速查找的同名人员显示单位、职务、出生年月；新增人员：首项有焦点，Tab 不停在清除按钮，回车保存', async ({
    page,
    app,
  }) => {
    await app.initialize();
    const finance = await app.unit('县财政局');
    const town = await app.unit('东湖镇');
    await app.invoke('units.create', { name: '市发展和改革委员会', shortName: '市发改委', parentId: null });
    await app.person({ name: '张伟', unitId: finance, position: '科员', birthMonth: '1985-03' });
    await app.person({ name: '张伟', unitId: town, position: '干事', birthMonth: '1979-11' });
    await login(page, app);

    // Quick find: both 张伟, each with unit, position and birth month.
    await page.getByLabel('快速查找').click();
    await page.keyboard.insertText('张伟');
    const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    await expect(options).toHaveCount(2);
    await expect(options.filter({ hasText: '县财政局\u3000科员\u30001985年3月' })).toHaveCount(1);
    await expect(options.filter({ hasText: '东湖镇\u3000干事\u30001979年11月' })).toHaveCount(1);
    await page.keyboard.press('Escape');

    // A new person, by keyboard.
    await button(page, '新增人员').click();
    const dialog = page.getByRole('dialog', { name: '新增人员' });
    await expect(dialog.getByLabel('姓名')).toBeFocused();
    await page.keyboard.insertText('欧阳明');
    await pickOption(page, dialog.getByLabel('性别'), '男');
    // The clear button of 性别 is named in Chinese and out of the Tab order.
    const clear = dialog.locator('.ant-select-clear').first();
    await expect(clear).toHaveAttribute('aria-label', '清除');
    await expect(clear).toHaveAttribute('tabindex', '-1');
    await dialog.getByLabel('性别').focus();
    await page.keyboard.press('Tab');
    await expect(dialog.getByLabel('出生年月')).toBeFocused();
    await page.keyboard.insertText('1981-04');

    // The unit by part of its 简称.
    await openSettledDropdown(page, dialog.getByLabel('单位'));
    await page.keyboard.insertText('发改');
    const tree = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-tree-title');
    await expect(tree).toHaveText(['市发展和改革委员会']);
    await tree.first().click();
    await dialog.getByLabel('职务', { exact: true }).fill('副主任');
    await dialog.getByLabel('职务', { exact: true }).press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.locator('.ant-table-row').filter({ hasText: '欧阳明' })).toContainText('市发展和改革委员会');
    // No English names for clear buttons anywhere on the page.
    for (const name of await page
      .locator('.ant-input-clear-icon, .ant-select-clear')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label'))))
      expect(name).toBe('清除');
  });

  test('清空名单先确认；来函标题可用 Tab 到达；打印页的菜单高亮“意见回复”；按钮名称不含“loading”', async ({ page, app }) => {
    await app.initialize();
    const finance = await app.unit('县财政局');
    const ids: string[] = [];
    for (const name of ['张三', '李四', '王五']) ids.push(await app.person({ name, unitId: finance, position: '科员' }));
    const request = await app.invoke('opinionRequests.create', {
      requester: '县委组织部',
      title: '关于征求张三同志意见的函',
      receivedDate: '2026-12-01',
      purpose: '提拔',
      persons: [{ personId: ids[0]! }],
    });
    const reply = await app.invoke('opinionReplies.create', { requestId: request.id, replyDate: '2026-12-02' });
    await login(page, app);

    // The request list: the title is a link the keyboard reaches.
    await page.getByRole('menuitem', { name: '征求意见' }).click();
    const title = page.getByRole('link', { name: '关于征求张三同志意见的函' });
    await expect(title).toHaveAttribute('href', /opinions\/requests\//);
    await page
      .getByLabel('搜索来函')
      .focus()
      .catch(() => undefined);
    await title.focus();
    await expect(title).toBeFocused();

    // 清空名单 on a checked list asks first; 取消 keeps the list.
    await button(page, '登记来函').click();
    await page.getByLabel('粘贴人员名单').fill('张三 县财政局 科员\n李四 县财政局 科员\n王五 县财政局 科员');
    // The check is held while it runs, so the button is seen with its spinner: its name stays 核对名单.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route('**/api/opinionRequests.matchLines', async (route) => {
      await held;
      await route.continue();
    });
    const check = page.getByRole('button', { name: '核对名单' });
    await check.click();
    await expect(check.locator('.ant-btn-loading-icon, .anticon-loading').first()).toBeVisible();
    await expect(check).toHaveAccessibleName(/^核对名单$/);
    release();
    await expect(page.getByTestId('lines-todo')).toContainText('全部3人已匹配');
    await expect(check).toHaveAccessibleName(/^核对名单$/);
    await page.getByRole('button', { name: '清空名单' }).click();
    const ask = page.locator('.ant-modal-confirm').filter({ hasText: '清空名单中的3人？' });
    await expect(ask).toBeVisible();
    await ask.getByRole('button', { name: label('取消') }).click();
    await expect(page.getByTestId('person-lines').locator('tr.ant-table-row')).toHaveCount(3);
    await page.getByRole('button', { name: '清空名单' }).click();
    await confirmDialog(page, '清空名单中的3人？', label('清空'));
    await expect(page.getByText('名单为空')).toBeVisible();

    // The reply's print page: the menu highlights 意见回复, not 人员库.
    await page.evaluate((id) => {
      window.location.hash = `#/letters/reply/${id}`;
    }, reply.id);
    await expect(page.getByRole('heading', { name: '打印复函' })).toBeVisible();
    await expect(page.locator('.ant-menu-item-selected')).toHaveText('意见回复');
  });
});
