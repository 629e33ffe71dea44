import ExcelJS from 'exceljs';
import { ADMIN, expect, login, test } from './support/fixtures';
import { pickOption } from './support/ui';

const ID = '11010519491231002X';

test.describe('操作记录', () => {
  test('管理员查看谁看过某人的档案（身份证号脱敏），校验完整性；直接改动数据文件中的记录后校验指出第一处断开', async ({ page, app }) => {
    await app.initialize();
    const personId = await app.person({ name: '张三', idNumber: ID });
    await login(page, app);
    await page.locator('.ant-table-row').filter({ hasText: '张三' }).getByRole('link', { name: '张三' }).click();
    await expect(page.getByRole('heading', { name: '人员档案 · 张三' })).toBeVisible();

    await page.getByRole('menuitem', { name: '操作记录' }).click();
    await expect(page.getByRole('heading', { name: '操作记录' })).toBeVisible();
    await pickOption(page, page.getByLabel('按操作筛选'), '查看');
    const viewRow = page.getByRole('row').filter({ hasText: '人员档案' }).first();
    await expect(viewRow).toContainText(ADMIN.displayName);
    await expect(viewRow).toContainText(personId);

    await pickOption(page, page.getByLabel('按操作筛选'), '新增');
    await pickOption(page, page.getByLabel('按对象筛选'), '人员');
    const created = page.getByRole('row').filter({ hasText: personId });
    await created.getByRole('button', { name: /展开/ }).click();
    await expect(page.getByText('1101**********002X')).toBeVisible();
    await expect(page.locator('body')).not.toContainText(ID);

    // 导出 downloads what is filtered now: the one 新增 人员 entry, masked as on screen.
    await page.getByRole('button', { name: /^导\s?出$/ }).hover();
    const downloading = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: '导出为 Excel（.xlsx）' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^操作记录_\d{4}-\d{2}-\d{2}\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(await download.path());
    const sheet = wb.worksheets[0]!;
    expect(sheet.rowCount).toBe(2);
    expect(sheet.getRow(2).getCell(6).value).toBe(personId);
    expect(String(sheet.getRow(2).getCell(8).value)).toContain('1101**********002X');
    expect(String(sheet.getRow(2).getCell(8).value)).not.toContain(ID);

    await page.getByRole('button', { name: '校验完整性' }).click();
    await expect(page.getByTestId('audit-verify-result')).toContainText('操作记录完整');

    // Someone with the sqlite3 tool edits who created the person.
    const seq = (
      app.host.core.db.prepare("SELECT seq FROM audit_log WHERE entity = 'people' AND action = 'create'").get() as { seq: number }
    ).seq;
    app.host.core.db.prepare("UPDATE audit_log SET after = replace(after, '张三', '李四') WHERE seq = ?").run(seq);
    await page.getByRole('button', { name: '校验完整性' }).click();
    await expect(page.getByTestId('audit-verify-result')).toContainText(`操作记录被改动：第${seq}条记录的内容与其校验值不符`);
  });
});
