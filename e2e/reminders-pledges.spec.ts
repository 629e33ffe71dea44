/**
 * 承诺书 and 廉洁提醒函 end to end, through the UI on a real backend:
 * - a 升学宴 campaign for 20 people of two units: 15 signed (one by hand with a scanned
 *   image uploaded here, 14 in one batch) → 75% and the five missing; duplicates named;
 * - a 中秋国庆 letter to 5 units: issued with a number, 3 receipts → 60% and the 2 missing;
 *   a signed addressee cannot be dropped; 沿用往年 starts next year's draft from it;
 * - bad input: a scan that is not an image or PDF, a sign-off dated before the campaign.
 * Units and people are set up through the typed API (the UI for them has its own specs).
 */
import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { PDFDocument } from 'pdf-lib';
import { chineseDate } from '../core/shared/dates';
import { expect, login, test, type TestApp } from './support/fixtures';
import { openSettledDropdown, pickOption } from './support/ui';

/**
 * antd puts a space between the two characters of a two-character button ("保 存"); a
 * button that was loading keeps its (hidden) "loading" icon label for a moment.
 */
const label = (text: string) => new RegExp(`^(loading\\s*)?${[...text].join('\\s*')}$`);
const button = (scope: Page | Locator, text: string) => scope.getByRole('button', { name: label(text) });

/** Types a date into a DateInput (antd DatePicker) and takes it with Enter. */
async function fillDate(field: Locator, iso: string): Promise<void> {
  await field.click();
  await field.fill(iso);
  await field.press('Enter');
  await expect(field).toHaveValue(chineseDate(iso));
}

/** Checks units in a UnitMultiSelect (checkable tree), then closes the dropdown. */
async function checkUnits(page: Page, select: Locator, names: string[]): Promise<void> {
  const dropdown = await openSettledDropdown(page, select);
  for (const name of names) {
    const node = dropdown
      .locator('.ant-select-tree-treenode')
      .filter({ has: page.locator('.ant-select-tree-title', { hasText: new RegExp(`^${name}$`) }) })
      .first();
    // A click that lands while the dropdown is still animating open can be lost: click until the box is ticked (never twice once ticked).
    await expect(async () => {
      if (!(await node.locator('.ant-select-tree-checkbox-checked').isVisible())) await node.locator('.ant-select-tree-title').click();
      await expect(node.locator('.ant-select-tree-checkbox-checked')).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 10_000 });
  }
  await page.keyboard.press('Escape');
  await expect(dropdown).toBeHidden();
}

/** A row of the table inside `scope` that contains `text`. */
const rowIn = (scope: Locator, text: string | RegExp) => scope.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: text });

/**
 * Every visible word is Chinese (as e2e/chinese-ui.spec.ts checks for the other screens);
 * only file-format names (PDF, JPG, PNG, and a file name's .pdf) may be Latin.
 */
async function expectNoLatin(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  expect((text.match(/[A-Za-z]{2,}/g) ?? []).filter((w) => !['PDF', 'pdf', 'JPG', 'PNG'].includes(w))).toEqual([]);
}

/** Clicks 导出PDF in the print dialog and returns the saved PDF's page count. */
async function exportPdf(page: Page, dialog: Locator): Promise<{ pages: number; fileName: string }> {
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await dialog.getByRole('button', { name: /导出PDF/ }).click();
  const file = await download;
  const bytes = fs.readFileSync(await file.path());
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  return { pages: (await PDFDocument.load(bytes)).getPageCount(), fileName: file.suggestedFilename() };
}

// A real 1×1 PNG (shown by the viewer), and a document renamed to .jpg.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const NOT_A_SCAN = Buffer.from('PK\u0003\u0004 这其实是一个Word文档');

const SURNAMES = ['赵', '钱', '孙', '李', '周', '吴', '郑', '王', '冯', '陈'];

async function seedRoster(app: TestApp) {
  await app.initialize();
  const finance = await app.unit('市财政局');
  const education = await app.unit('市教育局');
  const names: string[] = [];
  for (const [unitId, given] of [
    [finance, '明'],
    [education, '华'],
  ] as const) {
    for (const s of SURNAMES) {
      const name = `${s}${given}`;
      await app.person({ name, unitId, position: '科员', birthMonth: '1985-05' });
      names.push(name);
    }
  }
  return names;
}

// Long stories on a 2-core machine shared with other runs: more than the default minute.
test.describe.configure({ timeout: 180_000 });

test.describe('承诺书', () => {
  test('升学宴承诺：两个单位20人，登记15人（其中1人上传扫描件）→ 完成率75%，列出未签5人', async ({ page, app }) => {
    await seedRoster(app);
    await login(page, app);
    await page.getByRole('menuitem', { name: '承诺书' }).click();
    await expect(page.getByRole('heading', { name: '承诺书' })).toBeVisible();

    // ---- new campaign: the type fills the template text; no family co-signer for 升学宴
    await button(page, '新建承诺批次').click();
    const dialog = page.getByRole('dialog', { name: '新建承诺批次' });
    await pickOption(page, dialog.getByLabel('承诺书类型'), '不操办升学宴谢师宴承诺书');
    await expect(dialog.getByLabel('承诺书正文')).toHaveValue(/不以任何名义操办或变相操办升学宴、谢师宴/);
    await expect(dialog.getByLabel('需家属共同签名')).not.toBeChecked();
    await dialog.getByLabel('年度').fill('2025');
    await dialog.getByLabel('批次名称').fill('2025年不操办升学宴谢师宴承诺');
    await fillDate(dialog.getByLabel('开始日期'), '2025-06-20');
    await button(dialog, '保存').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { name: /2025年不操办升学宴谢师宴承诺/ })).toBeVisible();

    // ---- roster by unit: both units → 20
    await button(page, '加入名单').click();
    const add = page.getByRole('dialog', { name: /加入名单/ });
    await checkUnits(page, add.getByLabel('选择单位'), ['市财政局', '市教育局']);
    await add.getByRole('button', { name: '加入名单' }).click();
    await expect(add).toBeHidden();
    const roster = page.getByTestId('roster');
    await expect(roster).toContainText('承诺名单（20人）');
    await expect(rowIn(roster, /./)).toHaveCount(20);
    await expectNoLatin(page);

    // the same unit again: nobody doubled, the clerk is told who was already there
    await button(page, '加入名单').click();
    await checkUnits(page, add.getByLabel('选择单位'), ['市财政局']);
    await add.getByRole('button', { name: '加入名单' }).click();
    await expect(page.getByTestId('already-in')).toContainText('以下人员已在名单中：');
    await expect(page.getByTestId('already-in')).toContainText('赵明');
    await button(page, '知道了').click();
    await expect(roster).toContainText('承诺名单（20人）');

    // ---- one by hand: a date before the campaign's start is refused on the field
    await rowIn(roster, '赵明').getByRole('button', { name: '登记签订' }).click();
    const drawer = page.getByRole('dialog', { name: '登记签订：赵明' });
    await fillDate(drawer.getByLabel('签订日期'), '2025-06-01');
    await button(drawer, '保存').click();
    await expect(drawer.getByRole('alert').first()).toContainText('签订日期不能早于本批次开始日期');
    await expect(drawer.getByText('早于批次开始日期')).toBeVisible();
    await expectNoLatin(page);
    await fillDate(drawer.getByLabel('签订日期'), '2025-06-26');
    await button(drawer, '保存').click();
    await expect(drawer).toBeHidden();
    await expect(rowIn(roster, '赵明')).toContainText('已签');
    await expect(rowIn(roster, '赵明')).toContainText('2025年6月26日');

    // ---- his signed page, scanned: a document renamed .jpg is refused with the server's message, a PNG is kept
    const scanInput = rowIn(roster, '赵明').locator('input[type=file]');
    await scanInput.setInputFiles({ name: '承诺书扫描.jpg', mimeType: 'image/jpeg', buffer: NOT_A_SCAN });
    await expect(page.getByTestId('scan-error')).toContainText('“承诺书扫描.jpg”不是图片（JPG、PNG）或 PDF 文件，不能作为扫描件。');
    await expect(rowIn(roster, '赵明')).toContainText('未上传');
    await scanInput.setInputFiles({ name: '赵明承诺书.png', mimeType: 'image/png', buffer: PNG });
    await expect(rowIn(roster, '赵明').getByTestId('view-scan')).toBeVisible();
    await rowIn(roster, '赵明').getByTestId('view-scan').click();
    const viewer = page.getByRole('dialog', { name: /扫描件：赵明/ });
    await expect(viewer.getByTestId('scan-image')).toBeVisible();
    expect(await viewer.getByTestId('scan-image').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    await button(viewer, '关闭').last().click();
    await expect(viewer).toBeHidden();

    // ---- a meeting: 14 more of the unsigned in one batch
    await roster.locator('.ant-segmented-item').filter({ hasText: /^未签/ }).click();
    await expect(rowIn(roster, /./)).toHaveCount(19);
    const unsignedRows = rowIn(roster, /./);
    for (let i = 0; i < 14; i++) await unsignedRows.nth(i).locator('input[type=checkbox]').check();
    await roster.getByRole('button', { name: /批量登记（14人）/ }).click();
    const bulk = page.getByRole('dialog', { name: '批量登记签订（14人）' });
    await fillDate(bulk.getByLabel('签订日期'), '2025-06-25');
    await button(bulk, '登记').click();
    await expect(bulk).toBeHidden();

    // ---- 75%, 已签 15 / 应签 20, and the five missing
    const progress = page.getByTestId('campaign-progress');
    await expect(progress).toContainText('75%');
    await expect(page.getByTestId('signed-summary')).toHaveText('已签 15 / 应签 20');
    await expect(rowIn(roster, /./)).toHaveCount(5);
    const missing = (await rowIn(roster, /./).locator('td:nth-child(2)').allInnerTexts()).map((t) => t.trim());
    expect(missing).toHaveLength(5);
    expect(missing).not.toContain('赵明');
    const byUnit = page.getByTestId('by-unit');
    const missingByUnit = await Promise.all(
      ['市财政局', '市教育局'].map(async (u) => Number((await rowIn(byUnit, u).locator('td').nth(3).innerText()).trim())),
    );
    expect(missingByUnit[0]! + missingByUnit[1]!).toBe(5);

    // ---- the roster's pre-filled forms in one job: 20 pages, one per person
    await button(page, '打印承诺书').click();
    const print = page.getByRole('dialog', { name: /打印承诺书/ });
    await expect(print.getByTestId('print-page-count')).toHaveText('共20页（20份）');
    const preview = page.frameLocator('[data-testid=print-preview]');
    await expect(preview.locator('section.page')).toHaveCount(20);
    await expect(preview.locator('section.page').first()).toContainText('不操办升学宴谢师宴承诺书');
    await expect(preview.locator('section.page').first()).toContainText('承诺人（签名）');
    const pdf = await exportPdf(page, print);
    expect(pdf.pages).toBe(20);
    expect(pdf.fileName).toBe('2025年不操办升学宴谢师宴承诺（20份）.pdf');
    await expect(print.getByTestId('pdf-saved')).toContainText('共20页');
    await expectNoLatin(page);
    // only the five who have not signed
    await print.getByText('未签人员（5份）').click();
    await expect(print.getByTestId('print-page-count')).toHaveText('共5页（5份）');
    await button(print, '关闭').last().click();
    await expect(print).toBeHidden();

    // the list of campaigns shows the same
    await page.getByRole('menuitem', { name: '承诺书' }).click();
    const listRow = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '2025年不操办升学宴谢师宴承诺' });
    await expect(listRow.getByTestId('completion')).toContainText('15/20');
    await expect(listRow.getByTestId('completion')).toContainText('75%');
  });
});

test.describe('承诺书：导入名单、家属共同签名、人员档案', () => {
  test('导入名单：同名的选定、查无此人的列出；廉洁过节须逐人登记家属共同签名；人员档案列出承诺书', async ({ page, app }) => {
    await app.initialize();
    const finance = await app.unit('市财政局');
    const education = await app.unit('市教育局');
    const zhao = await app.person({ name: '赵明', unitId: finance, position: '科员', birthMonth: '1985-05' });
    await app.person({ name: '钱华', unitId: education, position: '科员', birthMonth: '1986-06' });
    await app.person({ name: '张伟', unitId: finance, position: '科长', birthMonth: '1980-01' });
    await app.person({ name: '张伟', unitId: education, position: '教师', birthMonth: '1990-02' });
    await app.invoke('pledgeCampaigns.create', {
      pledgeType: '廉洁过节',
      title: '2025年春节廉洁过节承诺',
      year: 2025,
      startDate: '2025-01-10',
      templateText: '节日期间，本人将严格遵守中央八项规定精神。',
    });
    await login(page, app);
    await page.getByRole('menuitem', { name: '承诺书' }).click();
    await page.getByRole('link', { name: '2025年春节廉洁过节承诺' }).click();
    await expect(page.getByRole('heading', { name: /2025年春节廉洁过节承诺/ })).toBeVisible();

    // ---- import a list: two found, one same-name (picked here), one unknown (listed)
    await button(page, '加入名单').click();
    const add = page.getByRole('dialog', { name: /加入名单/ });
    await add.getByRole('tab', { name: '导入名单' }).click();
    const csv = ['姓名,单位,职务', '赵明,市财政局,科员', '钱华,市教育局,科员', '张伟,,', '无名氏,市财政局,科员'].join('\r\n');
    await add
      .locator('input[type=file]')
      .setInputFiles({ name: '春节承诺名单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const result = add.getByTestId('import-result');
    await expect(result).toContainText('可加入 2 人');
    await expect(result).toContainText('未匹配 2 行');
    await expect(result).toContainText('无名氏');
    await result.getByRole('radio', { name: /张伟.*市教育局/ }).check();
    await expect(result).toContainText('可加入 3 人');
    await expect(result).toContainText('未匹配 1 行');
    await add.getByRole('button', { name: '加入3人' }).click();
    await expect(add).toBeHidden();
    const roster = page.getByTestId('roster');
    await expect(roster).toContainText('承诺名单（3人）');
    await expect(rowIn(roster, '张伟')).toContainText('市教育局');

    // ---- co-signed type: no batch sign-off; the family member is required per person
    await rowIn(roster, '钱华').locator('input[type=checkbox]').check();
    await expect(roster.getByRole('button', { name: /批量登记/ })).toBeDisabled();
    await rowIn(roster, '赵明').getByRole('button', { name: '登记签订' }).click();
    const drawer = page.getByRole('dialog', { name: '登记签订：赵明' });
    await fillDate(drawer.getByLabel('签订日期'), '2025-01-15');
    await button(drawer, '保存').click();
    await expect(drawer.getByRole('alert').first()).toContainText('该类承诺书须有家属共同签名');
    await drawer.getByLabel('共同签名人（家属）姓名').fill('李梅');
    await drawer.getByLabel('与本人关系').fill('配偶');
    await button(drawer, '保存').click();
    await expect(drawer).toBeHidden();
    await expect(rowIn(roster, '赵明')).toContainText('李梅（配偶）');
    await expect(page.getByTestId('signed-summary')).toHaveText('已签 1 / 应签 3');

    // ---- the person's page lists the pledge
    await page.evaluate((id) => {
      window.location.hash = `#/people/${id}`;
    }, zhao);
    await page.getByRole('tab', { name: '承诺书（1）' }).click();
    const pledges = page.getByTestId('person-pledges');
    await expect(rowIn(pledges, '2025年春节廉洁过节承诺')).toContainText('已签');
    await expect(rowIn(pledges, '2025年春节廉洁过节承诺')).toContainText('2025年1月15日');
  });
});

test.describe('廉洁提醒函', () => {
  test('中秋国庆提醒函：主送5个单位，印发编号，登记3家签收 → 签收率60%，列出未签收2家；已签收的不能移出主送', async ({ page, app }) => {
    await app.initialize();
    for (const name of ['市财政局', '市教育局', '市公安局', '市民政局', '市审计局']) await app.unit(name);
    await login(page, app);
    await page.getByRole('menuitem', { name: '廉洁提醒函' }).click();
    await expect(page.getByRole('heading', { name: '廉洁提醒函' })).toBeVisible();
    await button(page, '新建提醒函').click();
    await expect(page.getByRole('heading', { name: '新建提醒函' })).toBeVisible();

    // ---- the letter (typed with insertText, as an IME delivers text)
    await page.getByLabel('标题').click();
    await page.keyboard.insertText('关于2025年中秋国庆期间严明纪律要求的廉洁提醒函');
    await pickOption(page, page.getByLabel('节点', { exact: true }), '中秋国庆');
    await page.getByLabel('年度', { exact: true }).fill('2025');
    await fillDate(page.getByLabel('成文日期'), '2025-09-25');
    await fillDate(page.getByLabel('提醒期间起'), '2025-10-01');
    await fillDate(page.getByLabel('提醒期间止'), '2025-10-08');
    // 严禁事项: added to the reusable list right here, and checked
    await page.getByLabel('新的严禁事项').click();
    await page.keyboard.insertText('严禁违规收送节礼');
    await page.getByLabel('新的严禁事项').press('Enter');
    await expect(page.getByTestId('key-points').getByRole('checkbox', { name: '严禁违规收送节礼' })).toBeChecked();
    await page.getByLabel('新的严禁事项').fill('严禁公款吃喝');
    await button(page, '加入清单并勾选').click();
    await expect(page.getByTestId('key-points').getByRole('checkbox', { name: '严禁公款吃喝' })).toBeChecked();
    await page.getByLabel('正文').fill('中秋、国庆将至，为进一步严明纪律要求，现就有关事项提醒如下。');
    await checkUnits(page, page.getByLabel('主送单位'), ['市财政局', '市教育局', '市公安局', '市民政局', '市审计局']);
    await expectNoLatin(page);
    await button(page, '保存为拟稿').click();

    // ---- draft → 印发 with the signer → a number
    await expect(page.getByRole('heading', { name: /关于2025年中秋国庆期间严明纪律要求的廉洁提醒函/ })).toBeVisible();
    await expect(page.getByTestId('reminder-status')).toHaveText('拟稿');
    await expect(page.getByTestId('addressees')).toContainText('主送对象（5）');
    await button(page, '印发').click();
    const issue = page.getByRole('dialog', { name: '印发提醒函' });
    await issue.getByLabel('签发人').fill('张书记');
    await button(issue, '确认印发').click();
    await expect(issue).toBeHidden();
    await expect(page.getByTestId('doc-number')).toHaveText(/^某纪廉提〔\d{4}〕1号$/);
    await expect(page.getByTestId('reminder-status')).toHaveText('已印发');

    // ---- three receipts, entered row by row
    const addressees = page.getByTestId('addressees');
    for (const [line, unit, who] of [
      [1, '市财政局', '财政局办公室李某'],
      [2, '市教育局', '教育局办公室王某'],
      [3, '市公安局', '公安局办公室赵某'],
    ] as const) {
      await addressees.getByLabel(`第${line}行签收人`).fill(who);
      await fillDate(addressees.getByLabel(`第${line}行签收日期`), '2025-09-26');
      await rowIn(addressees, unit)
        .getByRole('button', { name: label('登记') })
        .click();
      await expect(rowIn(addressees, unit)).toContainText(who);
      await expect(rowIn(addressees, unit)).toContainText('2025年9月26日');
    }
    await expect(page.getByTestId('receipt-summary')).toHaveText('签收率 60%（3/5）');
    await expect(page.getByTestId('missing-list')).toHaveText('未签收（2）：市民政局、市审计局');
    await expectNoLatin(page);

    // a receipt dated before the letter is refused on the row
    await addressees.getByLabel('第4行签收人').fill('民政局某');
    await fillDate(addressees.getByLabel('第4行签收日期'), '2025-09-01');
    await rowIn(addressees, '市民政局')
      .getByRole('button', { name: label('登记') })
      .click();
    await expect(rowIn(addressees, '市民政局')).toContainText('签收日期早于成文日期');
    await expect(page.getByTestId('receipt-summary')).toHaveText('签收率 60%（3/5）');

    // ---- printing: the letter (number, addressees, date) and the receipt sheet (every addressee)
    await button(page, '打印提醒函').click();
    const print = page.getByRole('dialog', { name: /^打印：/ });
    const preview = page.frameLocator('[data-testid=print-preview]');
    await expect(preview.locator('[data-part=doc-number]')).toHaveText(/^某纪廉提〔\d{4}〕1号$/);
    await expect(preview.locator('[data-part=addressee]').first()).toContainText('市财政局、市教育局、市公安局、市民政局、市审计局：');
    await expect(preview.locator('[data-part=date]')).toHaveText('2025年9月25日');
    await expect(preview.locator('body')).toContainText('1.严禁违规收送节礼。');
    const letterPdf = await exportPdf(page, print);
    expect(letterPdf.pages).toBe(1);
    expect(letterPdf.fileName).toMatch(/^某纪廉提〔\d{4}〕1号 关于2025年中秋国庆期间严明纪律要求的廉洁提醒函\.pdf$/);
    await print.getByText('签收单', { exact: true }).click();
    await expect(preview.locator('[data-part=receipt-title]')).toHaveText('廉洁提醒函签收单');
    for (const u of ['市财政局', '市教育局', '市公安局', '市民政局', '市审计局']) await expect(preview.locator('body')).toContainText(u);
    expect((await exportPdf(page, print)).pages).toBe(1);
    await button(print, '关闭').last().click();
    await expect(print).toBeHidden();

    // ---- an addressee that signed cannot be dropped: the server's message, nothing changes
    await button(page, '修改主送').click();
    const change = page.getByRole('dialog', { name: '修改主送对象' });
    await change.locator('.ant-select-selection-item').filter({ hasText: '市财政局' }).locator('.ant-select-selection-item-remove').click();
    await button(change, '保存').click();
    await expect(change.getByRole('alert').filter({ hasText: '已签收，不能' })).toContainText('市财政局已签收，不能从主送中移除');
    await button(change, '取消').click();
    await page.getByRole('button', { name: '放弃并关闭' }).click();
    await expect(page.getByTestId('addressees')).toContainText('主送对象（5）');

    // ---- the list: 3/5 60%, searched with an IME-delivered word
    await page.getByRole('menuitem', { name: '廉洁提醒函' }).click();
    await page.getByLabel('搜索提醒函').click();
    await page.keyboard.insertText('中秋');
    const listRow = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: '中秋国庆' });
    await expect(listRow.getByTestId('receipt-rate')).toContainText('3/5');
    await expect(listRow.getByTestId('receipt-rate')).toContainText('60%');
    await expect(listRow).toContainText('已印发');
    await expectNoLatin(page);

    // ---- next year: 沿用往年 copies it into a 2026 draft
    await button(page, '新建提醒函').click();
    // The list page has a 按节点筛选 filter: wait for the form before picking 节点 in it.
    await expect(page.getByRole('heading', { name: '新建提醒函' })).toBeVisible();
    await pickOption(page, page.getByLabel('节点', { exact: true }), '中秋国庆');
    await page.getByLabel('年度', { exact: true }).fill('2026');
    await fillDate(page.getByLabel('成文日期'), '2026-09-20');
    await button(page, '沿用往年').click();
    await expect(page.getByTestId('reuse-source')).toContainText('2025年《关于2025年中秋国庆期间严明纪律要求的廉洁提醒函》');
    await button(page, '沿用').click();
    await expect(page.getByRole('heading', { name: '修改提醒函' })).toBeVisible();
    await expect(page.getByLabel('标题')).toHaveValue('关于2026年中秋国庆期间严明纪律要求的廉洁提醒函');
    await expect(page.getByTestId('key-points').getByRole('checkbox', { name: '严禁违规收送节礼' })).toBeChecked();
  });
});
