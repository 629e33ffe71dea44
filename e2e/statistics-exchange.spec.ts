/**
 * Issue 12 end to end: a 1,000-row GBK CSV of people through the import screen (report,
 * confirm, counts), the people list exported and imported again with nothing to change;
 * the statistics page for a seeded year against counts computed independently from the
 * raw records, the report paragraph, and a number opening exactly its records.
 */
import fs from 'node:fs';
import iconv from 'iconv-lite';
import { seedRegister } from '../bench/seed/people';
import { seedYear } from '../bench/seed/year';
import { expectedNumbers } from '../core/statistics/expected';
import { expect, login, test } from './support/fixtures';
import { pickOption } from './support/ui';

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华玉萍红玲芬';
/** 1,000 different three-character names. */
/** Waiting on the server's heavy work (a 1,000-row report, a year's statistics) on a shared, busy machine. */
const SLOW = { timeout: 120_000 };
const nameOf = (i: number) => SURNAMES[i % 30]! + GIVEN[Math.floor(i / 30) % 30]! + GIVEN[(Math.floor(i / 900) + 7) % 30]!;

test.describe('导入、导出与统计', () => {
  // A 1,000-row import, an export and a seeded year: more work than most tests on a shared 2-core machine.
  test.describe.configure({ timeout: 240_000 });

  test('1,000行GBK编码CSV导入人员：预览报告、确认写入、导出后再导入无变化', async ({ page, app }, testInfo) => {
    await app.initialize();
    const finance = await app.unit('市财政局');
    const office = await app.unit('办公室', finance);
    const edu = await app.unit('市教育局');
    const units = [
      { id: finance, path: '市财政局' },
      { id: office, path: '市财政局／办公室' },
      { id: edu, path: '市教育局' },
    ];
    // 10 people already in the register: 5 the file repeats as they are, 5 with a new position.
    for (let i = 0; i < 10; i++)
      await app.person({ name: nameOf(i), gender: '男', birthMonth: '1980-01', unitId: units[i % 3]!.id, position: '科员' });
    const lines = ['序号,姓名,性别,出生年月,政治面貌,工作单位,职务'];
    for (let i = 0; i < 995; i++) {
      const position = i >= 5 && i < 10 ? '副科长' : '科员';
      lines.push(`${i + 1},${nameOf(i)},男,1980-01,${i < 10 ? '' : '中共党员'},${units[i % 3]!.path},${position}`);
    }
    // 5 bad rows: 1,000 data rows in all
    lines.push('996,王五1,男,1980-01,,市财政局,科员'); // digit in the name
    lines.push('997,赵小六,未知,1980-01,,市财政局,科员'); // gender
    lines.push('998,钱小七,女,1980-13,,市财政局,科员'); // month 13
    lines.push('999,李小九,男,1981-01,外星人,市教育局,科员'); // political status
    lines.push(`1000,${nameOf(20)},男,1980-01,中共党员,${units[20 % 3]!.path},科员`); // data row 21 again
    const file = testInfo.outputPath('人员名单.csv');
    fs.writeFileSync(file, iconv.encode(lines.join('\r\n'), 'gbk'));
    const before = app.count('SELECT count(*) AS n FROM people WHERE deleted_at IS NULL');
    expect(before).toBe(10);

    await login(page, app);
    await page.getByRole('menuitem', { name: '导入' }).click();
    await page.locator('input[type=file]').setInputFiles(file);
    const counts = page.getByTestId('import-counts');
    await expect(counts).toContainText('共1000行', SLOW);
    await expect(counts).toContainText('新增 985');
    await expect(counts).toContainText('已有有变化 5');
    await expect(counts).toContainText('已有无变化 5');
    await expect(counts).toContainText('有错误 5');
    // the errors are listed first, each with why (the header is line 1, data row 21 is line 22)
    const report = page.getByTestId('import-rows');
    for (const why of ['姓名不能包含数字', '性别只能是', '出生年月', '政治面貌只能是', '与第22行是同一人'])
      await expect(report).toContainText(why);
    expect(app.count('SELECT count(*) AS n FROM people WHERE deleted_at IS NULL')).toBe(10); // nothing written yet

    await page.getByRole('button', { name: /确认导入（990条）/ }).click();
    // The OK click starts the 990-row write; on a busy machine the page answers the click slowly.
    const confirm = page.locator('.ant-modal-confirm').filter({ hasText: '全部一次写入' });
    await expect(confirm).not.toHaveClass(/ant-zoom-(appear|enter)/);
    await confirm.getByRole('button', { name: '确认导入' }).click(SLOW);
    await expect(page.getByTestId('import-result')).toContainText('新增985条，更新5条，无变化5条', SLOW);
    expect(app.count('SELECT count(*) AS n FROM people WHERE deleted_at IS NULL')).toBe(995);
    expect(app.count("SELECT count(*) AS n FROM people WHERE position = '副科长' AND deleted_at IS NULL")).toBe(5);

    // Export the whole list and bring it back: nothing to add or change.
    await page.getByRole('menuitem', { name: '人员库' }).click();
    await expect(page.getByText('共 995 人')).toBeVisible(SLOW);
    await page.getByRole('button', { name: /^导\s?出$/ }).hover();
    const download = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: '导出为 Excel（.xlsx）' }).click();
    const exported = testInfo.outputPath('人员库.xlsx');
    await (await download).saveAs(exported);

    await page.getByRole('menuitem', { name: '导入' }).click();
    await page.locator('input[type=file]').setInputFiles(exported);
    await expect(counts).toContainText('共995行', SLOW);
    await expect(counts).toContainText('新增 0');
    await expect(counts).toContainText('已有有变化 0');
    await expect(counts).toContainText('已有无变化 995');
    await expect(counts).toContainText('有错误 0');
    await expect(page.getByRole('button', { name: /确认导入（0条）/ })).toBeDisabled();
  });

  test('年度统计与原始记录独立计数一致，报告段落含这些数字，点击数字列出恰好这些记录', async ({ page, app }) => {
    await app.initialize();
    const db = app.host.core.db;
    seedRegister(db, { people: 300, seed: 21 });
    seedYear(db, { year: 2025, records: 1000, seed: 22 });
    const expected = expectedNumbers(db, '2025-01-01', '2025-12-31');

    await login(page, app);
    await page.getByRole('menuitem', { name: '统计' }).click();
    await pickOption(page, page.getByRole('combobox', { name: '年度' }), '2025年');
    await expect(page.getByText('统计期间：2025年1月1日至2025年12月31日')).toBeVisible(SLOW);
    for (const key of [
      'replies.persons',
      'replies.batches',
      'reminders.addressees',
      'reminders.twoLettersOneBook',
      'pledges.signed',
      'matters.leads',
      'matters.cases',
      'sanctions.partyGovernmentPeople',
      'sanctions.firstFormPeople',
      'sanctions.inImpactAtEnd',
      'clearances.count',
      'revisits.count',
    ] as const) {
      await expect(page.getByTestId(`stat-${key}`).locator('.ant-statistic-content-value')).toHaveText(String(expected[key].value));
    }

    await page.getByRole('button', { name: '报告段落' }).click();
    const paragraph = page.getByTestId('report-paragraph');
    await expect(paragraph).toHaveValue(new RegExp(`出具廉政意见回复${expected['replies.persons'].value}人次`));
    const text = await paragraph.inputValue();
    expect(text).toContain(
      `查办问题线索${expected['matters.leads'].value}件，立案${expected['matters.cases'].value}件，党纪政务处分${expected['sanctions.partyGovernmentPeople'].value}人`,
    );
    expect(text).toContain(`“第一种形态”处理${expected['sanctions.firstFormPeople'].value}人`);
    expect(text).toContain(
      `全年为受到不实举报者澄清正名${expected['clearances.count'].value}人次，对受处分人员暖心回访${expected['revisits.count'].value}人次`,
    );
    await page.getByRole('button', { name: '关闭' }).click();

    // The 澄清正名 number lists exactly the records it counts.
    const want = expected['clearances.count'];
    expect(want.value).toBeGreaterThan(0);
    expect(want.value).toBeLessThanOrEqual(20);
    await page.getByTestId('stat-clearances.count').click();
    const records = page.getByTestId('stat-records');
    await expect(page.getByRole('dialog', { name: `为受到不实举报者澄清正名（共${want.value}条）` })).toBeVisible(SLOW);
    await expect(records.locator('tr.ant-table-row')).toHaveCount(want.value);
    const ids = await records.locator('tr.ant-table-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row-key')));
    expect(new Set(ids)).toEqual(want.ids);
  });
});
