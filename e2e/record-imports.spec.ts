/**
 * Issue 12 §3 beyond people: 处分, 在查事项 and a campaign's 承诺书名单 through the import
 * screen, each from a real file made here (the sanctions file is the downloaded template,
 * filled in). Each shows its row report with the Chinese reasons, writes nothing before the
 * confirmation, then writes every valid row. An export from a list is in the 操作记录.
 */
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { expect, login, test, type TestApp } from './support/fixtures';
import { confirmDialog, pickOption } from './support/ui';

const SLOW = { timeout: 60_000 };

async function register(app: TestApp) {
  await app.initialize();
  const finance = await app.unit('市财政局');
  const tax = await app.unit('市税务局');
  await app.person({ name: '张伟', unitId: finance, birthMonth: '1975-03' });
  await app.person({ name: '王芳', unitId: finance });
  await app.person({ name: '王芳', unitId: tax });
  await app.person({ name: '李强', unitId: tax });
}

test.describe('导入处分、在查事项和承诺书名单', () => {
  test.describe.configure({ timeout: 180_000 });

  test('下载处分导入模板，填写后导入：同名人员须写单位，查无此人说明原因，确认后写入并留痕', async ({ page, app }, testInfo) => {
    await register(app);
    await login(page, app);
    await page.getByRole('menuitem', { name: '导入' }).click();
    await pickOption(page, page.getByLabel('导入内容'), '处分记录');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载导入模板' }).click();
    const template = testInfo.outputPath('处分记录导入模板.xlsx');
    await (await download).saveAs(template);

    // The clerk fills the template in Excel: one column per field, as its header says.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(template);
    const ws = wb.worksheets[0]!;
    const headers = (ws.getRow(1).values as string[]).slice(1);
    const put = (values: Record<string, string | Date>) => ws.addRow(headers.map((h) => values[h] ?? null));
    put({
      姓名: '李强',
      单位: '市税务局',
      处分类别: '党纪处分',
      处分种类: '警告',
      决定机关: '市纪委',
      决定日期: new Date(Date.UTC(2024, 4, 10)),
    });
    put({ 姓名: '王芳', 单位: '市财政局', 处分种类: '记过', 决定机关: '市监委', 决定文号: '市监处〔2024〕7号', 决定日期: '2024.6.1' });
    put({ 姓名: '王芳', 处分类别: '政务处分', 处分种类: '记过', 决定机关: '市监委', 决定日期: '2024-06-02' });
    put({ 姓名: '赵敏', 处分类别: '政务处分', 处分种类: '警告', 决定机关: '市监委', 决定日期: '2024-06-03' });
    const file = testInfo.outputPath('处分台账.xlsx');
    await wb.xlsx.writeFile(file);

    await page.locator('input[type=file]').setInputFiles(file);
    const counts = page.getByTestId('import-counts');
    await expect(counts).toContainText('共4行', SLOW);
    await expect(counts).toContainText('新增 2');
    await expect(counts).toContainText('有错误 2');
    const report = page.getByTestId('import-rows');
    await expect(report).toContainText('人员库中有2位“王芳”，请填写单位、出生年月或身份证号以区分');
    await expect(report).toContainText('人员库中没有“赵敏”');
    expect(app.count('SELECT count(*) AS n FROM sanctions')).toBe(0);

    await page.getByRole('button', { name: /确认导入（2条）/ }).click();
    await confirmDialog(page, '全部一次写入', '确认导入');
    await expect(page.getByTestId('import-result')).toContainText('新增2条', SLOW);
    expect(app.count("SELECT count(*) AS n FROM sanctions WHERE decision_date IN ('2024-05-10', '2024-06-01')")).toBe(2);
    expect(app.count("SELECT count(*) AS n FROM audit_log WHERE action = 'create' AND entity = 'sanctions'")).toBe(2);

    // The record is in 王芳's (市财政局) dossier like any entered by hand.
    await page.getByRole('menuitem', { name: '人员库' }).click();
    await page
      .locator('.ant-table-tbody tr.ant-table-row')
      .filter({ hasText: '市财政局' })
      .filter({ hasText: '王芳' })
      .getByRole('link')
      .first()
      .click();
    await expect(page.getByText('市监处〔2024〕7号')).toBeVisible(SLOW);
  });

  test('GBK编码CSV导入在查事项；承诺书名单导入到所选批次，签订日期早于批次开始的行说明原因', async ({ page, app }, testInfo) => {
    await register(app);
    await app.invoke('pledgeCampaigns.create', {
      pledgeType: '不操办升学宴谢师宴',
      title: '2025年不操办升学宴谢师宴承诺',
      year: 2025,
      startDate: '2025-06-20',
      templateText: '本人郑重承诺……',
    });
    const csv = testInfo.outputPath('在查事项.csv');
    fs.writeFileSync(
      csv,
      iconv.encode(
        [
          '姓名,单位,事项类别,受理日期,状态,办结日期,办结结果',
          '李强,市税务局,问题线索,2024/3/1,,,',
          '张伟,,立案审查调查,2024-03-05,已办结,2024-05-01,给予政务处分',
          '张伟,,信访举报,2024-03-06,已办结,,',
        ].join('\r\n'),
        'gbk',
      ),
    );
    await login(page, app);
    await page.getByRole('menuitem', { name: '导入' }).click();
    await pickOption(page, page.getByLabel('导入内容'), '在查事项');
    await page.locator('input[type=file]').setInputFiles(csv);
    const counts = page.getByTestId('import-counts');
    await expect(counts).toContainText('共3行', SLOW);
    await expect(counts).toContainText('新增 2');
    await expect(page.getByTestId('import-rows')).toContainText('已办结的事项须填写办结日期');
    await page.getByRole('button', { name: /确认导入（2条）/ }).click();
    await confirmDialog(page, '全部一次写入', '确认导入');
    await expect(page.getByTestId('import-result')).toContainText('新增2条', SLOW);
    expect(app.count("SELECT count(*) AS n FROM pending_matters WHERE kind IN ('lead', 'case')")).toBe(2);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.addRow(['序号', '姓名', '工作单位', '签订日期']);
    ws.addRow([1, '李强', '市税务局', new Date(Date.UTC(2025, 5, 21))]);
    ws.addRow([2, '王芳', '市财政局', null]);
    ws.addRow([3, '张伟', '', '2025-06-01']);
    const roster = testInfo.outputPath('承诺名单.xlsx');
    await wb.xlsx.writeFile(roster);
    await pickOption(page, page.getByLabel('导入内容'), '承诺书名单');
    await pickOption(page, page.getByLabel('承诺批次'), '2025年 2025年不操办升学宴谢师宴承诺');
    await page.locator('input[type=file]').setInputFiles(roster);
    await expect(counts).toContainText('共3行', SLOW);
    await expect(counts).toContainText('新增 2');
    await expect(page.getByTestId('import-rows')).toContainText('签订日期不能早于本批次开始日期');
    await page.getByRole('button', { name: /确认导入（2条）/ }).click();
    await confirmDialog(page, '全部一次写入', '确认导入');
    await expect(page.getByTestId('import-result')).toContainText('新增2条', SLOW);
    expect(app.count('SELECT count(*) AS n FROM pledge_roster')).toBe(2);
    expect(app.count("SELECT count(*) AS n FROM pledge_roster WHERE signed = 1 AND signed_date = '2025-06-21'")).toBe(1);
  });

  test('来函人员名单（GBK编码CSV）：报告列出匹配的人员、新增人员和错误行；逐行选择更新或跳过；保存来函时一次写入', async ({
    page,
    app,
  }, testInfo) => {
    await register(app);
    const db = app.host.core.db;
    const wangTax = db
      .prepare("SELECT p.id FROM people p JOIN units u ON u.id = p.unit_id WHERE p.name = '王芳' AND u.name = '市税务局'")
      .pluck()
      .get() as string;
    const li = db.prepare("SELECT id FROM people WHERE name = '李强'").pluck().get() as string;
    const csv = testInfo.outputPath('征求意见名单.csv');
    fs.writeFileSync(
      csv,
      iconv.encode(
        [
          '序号,姓名,工作单位,现任职务',
          '1,王芳,市税务局,副局长', // one of two 王芳: the unit tells her apart; a new post
          '2,李强,市税务局,科长', // in the register; a new post the clerk will not take
          '3,刘洋,市教育局,科员', // not in the register
          '4,王芳,,科员', // two 王芳, nothing tells them apart
          '5,张伟3,市财政局,科员', // not a name
        ].join('\r\n'),
        'gbk',
      ),
    );
    const people = app.count('SELECT count(*) AS n FROM people');
    await login(page, app);
    await page.getByRole('menuitem', { name: '征求意见' }).click();
    await page.getByRole('button', { name: '登记来函' }).click();
    await page.getByLabel('来函标题').fill('关于征求王芳等同志党风廉政情况意见的函');
    await pickOption(page, page.getByLabel('用途'), '提拔');
    await page.getByRole('button', { name: '导入表格文件' }).click();
    const dialog = page.getByRole('dialog', { name: '导入来函人员名单' });
    await dialog.locator('input[type=file]').setInputFiles(csv);

    const counts = dialog.getByTestId('import-counts');
    await expect(counts).toContainText('共5行', SLOW);
    await expect(counts).toContainText('已有 2');
    await expect(counts).toContainText('新增人员 1');
    await expect(counts).toContainText('有错误 2');
    // The mapping guessed from the headers: 工作单位 → 单位, 现任职务 → 职务.
    const mapped = (field: string) => dialog.locator('.ant-select', { has: page.getByLabel(`${field}对应的列`) });
    await expect(mapped('单位')).toContainText('工作单位');
    await expect(mapped('职务')).toContainText('现任职务');
    await dialog
      .locator('.ant-segmented-item')
      .filter({ hasText: /^全部$/ })
      .click();
    const report = dialog.getByTestId('import-rows');
    const line = (n: number) => report.locator(`tr[data-row-key="${n}"]`);
    await expect(line(2).getByTestId('matched-person')).toContainText('王芳　市税务局');
    await expect(line(2)).toContainText('职务（副局长）');
    await expect(line(3).getByTestId('matched-person')).toContainText('李强　市税务局');
    await expect(line(4)).toContainText('新增人员');
    await expect(line(4)).toContainText('人员库中没有此人');
    await expect(line(5)).toContainText('人员库中有2名王芳；可在文件中填写单位、出生年月或身份证号以区分');
    await expect(line(6)).toContainText('姓名不能包含数字');
    expect(app.count('SELECT count(*) AS n FROM people')).toBe(people); // the preview wrote nothing

    // 王芳: take the new post into the register; 李强: keep the register as it is.
    await line(3).getByRole('radio', { name: '跳过，不改人员库' }).check();
    await expect(line(2).getByRole('radio', { name: '更新人员库' })).toBeChecked();
    await dialog.getByRole('button', { name: /加入名单（3人）/ }).click();
    await expect(dialog).toBeHidden();
    const lines = page.getByTestId('person-lines');
    await expect(page.getByTestId('lines-todo')).toContainText('全部3人已匹配');
    await expect(lines.locator('tr.ant-table-row').filter({ hasText: '刘洋' }).getByTestId('line-state')).toHaveText('新增人员');
    await expect(lines.locator('tr.ant-table-row').filter({ hasText: '李强' }).getByTestId('line-update')).toHaveText('不改人员库');
    expect(app.count('SELECT count(*) AS n FROM people')).toBe(people);
    expect(app.count('SELECT count(*) AS n FROM opinion_requests')).toBe(0);

    await page.getByRole('button', { name: /^保\s*存$/ }).click();
    await expect(page.getByRole('heading', { name: '关于征求王芳等同志党风廉政情况意见的函' })).toBeVisible(SLOW);
    await expect(page.getByTestId('request-info')).toContainText('3人');
    const named = db
      .prepare(
        'SELECT p.id, p.name, x.unit_text AS unitText, x.position_text AS positionText FROM opinion_request_persons x JOIN people p ON p.id = x.person_id ORDER BY x.line_no',
      )
      .all() as { id: string; name: string; unitText: string; positionText: string }[];
    const liu = db.prepare("SELECT id, unit_id AS unitId, position FROM people WHERE name = '刘洋' AND deleted_at IS NULL").all() as {
      id: string;
      unitId: string | null;
      position: string;
    }[];
    expect(liu).toEqual([{ id: liu[0]?.id, unitId: null, position: '科员' }]);
    expect(named).toEqual([
      { id: wangTax, name: '王芳', unitText: '市税务局', positionText: '副局长' },
      { id: li, name: '李强', unitText: '市税务局', positionText: '科长' },
      { id: liu[0]!.id, name: '刘洋', unitText: '市教育局', positionText: '科员' },
    ]);
    expect(db.prepare('SELECT position FROM people WHERE id = ?').pluck().get(wangTax)).toBe('副局长');
    expect(db.prepare('SELECT position FROM people WHERE id = ?').pluck().get(li)).toBeNull();
    expect(app.count('SELECT count(*) AS n FROM people')).toBe(people + 1);
    expect(app.count("SELECT count(*) AS n FROM audit_log WHERE entity = 'people' AND action = 'update'")).toBe(1);

    // The people register shows the same.
    await page.getByRole('menuitem', { name: '人员库' }).click();
    await expect(page.getByText('共 5 人')).toBeVisible(SLOW);
    const rows = page.locator('.ant-table-tbody tr.ant-table-row');
    await expect(rows.filter({ hasText: '市税务局' }).filter({ hasText: '王芳' })).toContainText('副局长');
    await expect(rows.filter({ hasText: '李强' })).not.toContainText('科长');
    await expect(rows.filter({ hasText: '刘洋' })).toContainText('科员');
  });

  test('从列表导出写入操作记录：谁、哪个列表、多少行', async ({ page, app }) => {
    await register(app);
    await login(page, app);
    await page.getByRole('menuitem', { name: '人员库' }).click();
    await expect(page.getByText('共 4 人')).toBeVisible(SLOW);
    expect(app.count("SELECT count(*) AS n FROM audit_log WHERE action = 'export'")).toBe(0);
    await page.getByRole('button', { name: /^导\s?出$/ }).hover();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: '导出为 CSV' }).click();
    await download;
    const entry = app.host.core.db
      .prepare(
        "SELECT u.display_name AS who, a.entity, a.after FROM audit_log a JOIN users u ON u.id = a.user_id WHERE a.action = 'export'",
      )
      .get() as { who: string; entity: string; after: string };
    expect(entry.who).toBe('王主任');
    expect(entry.entity).toBe('exports.list');
    expect(JSON.parse(entry.after)).toMatchObject({ rows: 4, input: { list: 'people', format: 'csv' } });
  });
});
