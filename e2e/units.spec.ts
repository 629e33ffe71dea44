import type { Page } from '@playwright/test';
import { expect, login, test } from './support/fixtures';
import { confirmDialog, pickUnit } from './support/ui';

/** A unit in the tree; its title may carry the head count: 预算股（2人）. */
const node = (page: Page, name: string) =>
  page.locator('.ant-tree-treenode').filter({ has: page.locator('.ant-tree-title', { hasText: new RegExp(`^${name}(（\\d+人）)?$`) }) });

test.describe('单位', () => {
  test('新增顶级单位和下级单位，改名，调整上级单位', async ({ page, app }) => {
    await app.initialize();
    await login(page, app);
    await page.getByRole('menuitem', { name: '单位' }).click();
    await expect(page.getByText('还没有单位')).toBeVisible();

    await page.getByRole('button', { name: '新增顶级单位' }).click();
    let dialog = page.getByRole('dialog', { name: '新增顶级单位' });
    await expect(dialog.getByLabel('单位名称')).toBeFocused();
    await page.keyboard.insertText('县财政局');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(node(page, '县财政局')).toBeVisible();

    // The new unit is selected: add a child under it.
    await page.getByRole('button', { name: '添加下级单位' }).click();
    dialog = page.getByRole('dialog', { name: '在“县财政局”下添加单位' });
    await expect(dialog.getByLabel('单位名称')).toBeFocused();
    await page.keyboard.insertText('预算股');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('unit-path')).toHaveText('县财政局／预算股');
    // 预算股 sits one level below 县财政局 in the tree.
    const child = node(page, '预算股');
    await expect(child.locator('.ant-tree-indent-unit')).toHaveCount(1);
    await expect(node(page, '县财政局').locator('.ant-tree-indent-unit')).toHaveCount(0);

    // Rename.
    await page.getByLabel('单位名称').fill('预算科');
    await page.getByRole('button', { name: '保存修改' }).click();
    await expect(node(page, '预算科')).toBeVisible();
    await expect(node(page, '预算股')).toHaveCount(0);

    // Move under another top-level unit.
    await page.getByRole('button', { name: '新增顶级单位' }).click();
    dialog = page.getByRole('dialog', { name: '新增顶级单位' });
    await expect(dialog.getByLabel('单位名称')).toBeFocused();
    await page.keyboard.insertText('县审计局');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await node(page, '预算科').locator('.ant-tree-title').click();
    await expect(page.getByTestId('unit-path')).toHaveText('县财政局／预算科');
    await pickUnit(page, page.getByLabel('上级单位'), '县审计局');
    await page.getByRole('button', { name: '保存修改' }).click();
    await expect(page.getByTestId('unit-path')).toHaveText('县审计局／预算科');
    expect(
      app.count("SELECT count(*) AS n FROM units c JOIN units p ON p.id = c.parent_id WHERE c.name = '预算科' AND p.name = '县审计局'"),
    ).toBe(1);

    // A unit cannot be moved under itself: it is not offered.
    await page.getByLabel('上级单位').click();
    await expect(page.locator('.ant-select-tree-treenode-disabled').filter({ hasText: '预算科' })).toBeVisible();
    await page.keyboard.press('Escape');
  });

  test('同级重名被拒绝并显示服务器提示', async ({ page, app }) => {
    await app.initialize();
    await app.unit('县财政局');
    await login(page, app);
    await page.getByRole('menuitem', { name: '单位' }).click();
    await page.getByRole('button', { name: '新增顶级单位' }).click();
    const dialog = page.getByRole('dialog', { name: '新增顶级单位' });
    await expect(dialog.getByLabel('单位名称')).toBeFocused();
    await page.keyboard.insertText('县财政局');
    await page.keyboard.press('Enter');
    await expect(dialog.getByRole('alert')).toContainText('同一上级单位下已有名为“县财政局”的单位，未保存。');
    await expect(dialog.getByText('同级单位中已有此名称')).toBeVisible();
    await expect(dialog.getByLabel('单位名称')).toHaveValue('县财政局');
  });

  test('删除单位：有人员或下级单位时被拒绝并显示原因；空单位删除后进入回收站', async ({ page, app }) => {
    await app.initialize();
    const finance = await app.unit('县财政局');
    const budget = await app.unit('预算股', finance);
    await app.person({ name: '张三', unitId: budget });
    await login(page, app);
    await page.getByRole('menuitem', { name: '单位' }).click();

    await node(page, '县财政局').locator('.ant-tree-title').click();
    await page.getByRole('button', { name: /^删\s*除$/ }).click();
    await confirmDialog(page, '删除单位“县财政局”？', /^删\s*除$/);
    await expect(page.getByRole('alert').filter({ hasText: '“县财政局”下还有1个下级单位，请先删除或移走下级单位。' })).toBeVisible();

    await node(page, '预算股').locator('.ant-tree-title').click();
    await expect(node(page, '预算股')).toContainText('（1人）');
    await page.getByRole('button', { name: /^删\s*除$/ }).click();
    await confirmDialog(page, '删除单位“预算股”？', /^删\s*除$/);
    await expect(page.getByRole('alert').filter({ hasText: '“预算股”下还有1名人员，请先删除或调整这些人员的单位。' })).toBeVisible();
    expect(app.count('SELECT count(*) AS n FROM units WHERE deleted_at IS NULL')).toBe(2);

    // Remove the person, then the unit goes.
    const [zhang] = (await app.invoke('people.list', { query: '张三' })).items;
    await app.invoke('people.delete', { id: zhang!.id });
    await page.reload();
    await page.getByRole('menuitem', { name: '单位' }).click();
    await node(page, '预算股').locator('.ant-tree-title').click();
    await page.getByRole('button', { name: /^删\s*除$/ }).click();
    await confirmDialog(page, '删除单位“预算股”？', /^删\s*除$/);
    await expect(node(page, '预算股')).toHaveCount(0);

    // In 回收站: restoring the person first is refused (its unit is deleted too), the unit then the person works.
    await page.getByRole('menuitem', { name: '回收站' }).click();
    const personRow = page.locator('.ant-table-row').filter({ hasText: '张三' });
    await personRow.getByRole('button', { name: /^恢\s*复$/ }).click();
    await confirmDialog(page, '恢复人员“张三”？', /^恢\s*复$/);
    await expect(page.getByRole('alert').filter({ hasText: '“张三”所属的单位“预算股”也在回收站中，请先恢复该单位。' })).toBeVisible();
    const unitRow = page.locator('.ant-table-row').filter({ hasText: '预算股' }).filter({ hasText: '单位' });
    await expect(unitRow).toContainText('县财政局');
    await unitRow.getByRole('button', { name: /^恢\s*复$/ }).click();
    await confirmDialog(page, '恢复单位“预算股”？', /^恢\s*复$/);
    await personRow.getByRole('button', { name: /^恢\s*复$/ }).click();
    await confirmDialog(page, '恢复人员“张三”？', /^恢\s*复$/);
    await expect(page.getByText('回收站是空的')).toBeVisible();
    await page.getByRole('menuitem', { name: '人员库' }).click();
    await expect(page.locator('.ant-table-row').filter({ hasText: '张三' })).toContainText('县财政局／预算股');
  });
});
