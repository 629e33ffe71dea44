import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { ADMIN, expect, login, recordPeopleSearches, test, type TestApp } from './support/fixtures';
import { confirmDialog, pickOption, pickUnit, row, tableNames } from './support/ui';

/** Valid 18-digit ID numbers (GB 11643 check digit) for a birth date. */
function idNumber(region: string, birth: string, seq: string): string {
  const body = region + birth + seq;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11];
}

async function seedPeople(app: TestApp) {
  await app.initialize();
  const finance = await app.unit('县财政局');
  const education = await app.unit('县教育局');
  await app.person({ name: '张三', unitId: finance, birthMonth: '1980-05', position: '科员' });
  await app.person({ name: '李四', unitId: education, birthMonth: '1975-03', position: '副局长' });
  await app.person({ name: '李四光', unitId: education, birthMonth: '1969-10', position: '教师' });
  await app.person({ name: '王五', unitId: finance, birthMonth: '1990-12', position: '股长' });
  return { finance, education };
}

const searchBox = (page: Page) => page.getByLabel('搜索人员');

test.describe('人员库', () => {
  test('新增人员：从单位树选择单位，Enter 保存，列表显示各项（身份证号打码）', async ({ page, app }) => {
    await app.initialize();
    const finance = await app.unit('县财政局');
    await app.unit('预算股', finance);
    await login(page, app);

    await page.getByRole('button', { name: '新增人员' }).click();
    const dialog = page.getByRole('dialog', { name: '新增人员' });
    // The first field has the focus: the clerk can type at once.
    await expect(dialog.getByLabel('姓名')).toBeFocused();
    await page.keyboard.insertText('张三');
    await pickOption(page, dialog.getByLabel('性别'), '男');
    await dialog.getByLabel('出生年月').fill('1980.5');
    const id = idNumber('110105', '19800512', '123');
    await dialog.getByLabel('身份证号').fill(id);
    await pickUnit(page, dialog.getByLabel('单位', { exact: true }), '预算股');
    await dialog.getByLabel('职务', { exact: true }).fill('股长');
    await pickOption(page, dialog.getByLabel('政治面貌'), '中共党员');
    await pickOption(page, dialog.getByLabel('人员类别'), '公务员');
    await dialog.getByLabel('职务', { exact: true }).press('Enter');
    await expect(dialog).toBeHidden();

    const r = row(page, '张三');
    await expect(r).toContainText('男');
    await expect(r).toContainText('1980年5月');
    await expect(r).toContainText('县财政局／预算股');
    await expect(r).toContainText('股长');
    await expect(r).toContainText('中共党员');
    await expect(r).toContainText(`${id.slice(0, 4)}**********${id.slice(-4)}`);
    await expect(r).not.toContainText(id);
    expect(app.count("SELECT count(*) AS n FROM people WHERE name = '张三' AND birth_month = '1980-05' AND id_number = ?", id)).toBe(1);
  });

  test('Esc 取消新增，什么也不保存', async ({ page, app }) => {
    await app.initialize();
    await login(page, app);
    await page.getByRole('button', { name: '新增人员' }).click();
    const dialog = page.getByRole('dialog', { name: '新增人员' });
    await expect(dialog.getByLabel('姓名')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // Once something is typed, Esc asks before throwing it away.
    await page.getByRole('button', { name: '新增人员' }).click();
    await expect(dialog.getByLabel('姓名')).toBeFocused();
    await page.keyboard.insertText('赵六');
    await page.keyboard.press('Escape');
    const confirm = page.getByRole('dialog', { name: '放弃已填写的内容？' });
    await expect(confirm).toBeVisible();
    await confirm.getByRole('button', { name: '继续填写' }).click();
    await expect(confirm).toBeHidden();
    await expect(dialog.getByLabel('姓名')).toHaveValue('赵六');
    await dialog.getByLabel('姓名').press('Escape');
    await confirm.getByRole('button', { name: '放弃并关闭' }).click();
    await expect(dialog).toBeHidden();
    expect(app.count('SELECT count(*) AS n FROM people')).toBe(0);
  });

  test('按两个字的姓名（李四，另有李四光）、拼音首字母 zs、全拼和单位查找', async ({ page, app }) => {
    await seedPeople(app);
    await login(page, app);
    await expect(row(page, '王五')).toBeVisible();

    await searchBox(page).click();
    await page.keyboard.insertText('李四');
    await expect.poll(() => tableNames(page)).toEqual(['李四', '李四光']);

    await searchBox(page).fill('');
    await page.keyboard.insertText('zs');
    await expect.poll(() => tableNames(page)).toEqual(['张三']);

    await searchBox(page).fill('');
    await page.keyboard.insertText('lisiguang');
    await expect.poll(() => tableNames(page)).toEqual(['李四光']);

    await searchBox(page).fill('');
    await page.keyboard.insertText('财政局');
    await expect.poll(async () => (await tableNames(page)).sort()).toEqual(['张三', '王五'].sort());

    await searchBox(page).fill('');
    await page.keyboard.insertText('赵钱孙');
    await expect(page.getByText('没有符合条件的人员')).toBeVisible();
  });

  test('拼音输入法组字过程中不查询，组字结束才查询；组字时按 Enter 不提交（合成事件）', async ({ page, app }) => {
    await seedPeople(app);
    await login(page, app);
    await expect(row(page, '王五')).toBeVisible();
    const searches = recordPeopleSearches(page);
    const box = searchBox(page);
    await box.click();

    const fire = (type: string, data = '') =>
      box.evaluate((el, [t, d]) => el.dispatchEvent(new CompositionEvent(t!, { bubbles: true, data: d })), [type, data]);

    await fire('compositionstart');
    await fire('compositionupdate', 'zhang');
    await page.keyboard.insertText('zhang');
    await fire('compositionupdate', 'zhangsan');
    await page.keyboard.insertText('san');
    // Enter that picks an IME candidate must not search.
    await box.evaluate((el) =>
      el.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true }),
      ),
    );
    await page.waitForTimeout(1000); // well past the debounce
    expect(searches).toEqual([]);
    await expect.poll(() => tableNames(page)).toHaveLength(4);

    // The IME replaces the pinyin with the chosen characters and ends the composition.
    await box.evaluate((el: HTMLInputElement) => el.select());
    await page.keyboard.insertText('张三');
    await fire('compositionend', '张三');
    await expect.poll(() => tableNames(page)).toEqual(['张三']);
    expect(searches.map((s) => s.query)).toEqual(['张三']);
    await expect(box).toHaveValue('张三');
  });

  test('拼音输入法组字（Chromium 真实 IME 事件）：只在选定汉字后查询一次', async ({ page, app }) => {
    await seedPeople(app);
    await login(page, app);
    await expect(row(page, '王五')).toBeVisible();
    const searches = recordPeopleSearches(page);
    await searchBox(page).click();

    const cdp = await page.context().newCDPSession(page);
    for (const text of ['l', 'li', 'lis', 'lisi']) {
      await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
      await page.waitForTimeout(120);
    }
    await page.waitForTimeout(800);
    expect(searches).toEqual([]);
    await cdp.send('Input.insertText', { text: '李四' }); // commits the composition
    await expect.poll(() => tableNames(page)).toEqual(['李四', '李四光']);
    await page.waitForTimeout(600);
    expect(searches.map((s) => s.query)).toEqual(['李四']);
  });

  test('快速查找（人员选择器）同样不在组字过程中查询', async ({ page, app }) => {
    const { finance, education } = await seedPeople(app);
    await app.person({ name: '张伟', unitId: finance, birthMonth: '1980-05' });
    await app.person({ name: '张伟', unitId: education, birthMonth: '1985-11' });
    await login(page, app);
    await expect(row(page, '王五')).toBeVisible();
    const searches = recordPeopleSearches(page);
    await page.getByLabel('快速查找').click();

    const cdp = await page.context().newCDPSession(page);
    for (const text of ['z', 'zh', 'zhang', 'zhangw', 'zhangwei']) {
      await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
      await page.waitForTimeout(100);
    }
    await page.waitForTimeout(800);
    expect(searches).toEqual([]);
    await cdp.send('Input.insertText', { text: '张伟' });
    const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    await expect(options).toHaveCount(2);
    await page.waitForTimeout(600);
    expect(searches.map((s) => s.query)).toEqual(['张伟']);

    // An Enter that belongs to the IME (some platforms report it as keyCode 13) does not pick anyone.
    await page.getByLabel('快速查找').evaluate((el) =>
      el.dispatchEvent(
        new KeyboardEvent('keydown', {
          key: 'Enter',
          code: 'Enter',
          keyCode: 13,
          which: 13,
          isComposing: true,
          bubbles: true,
          cancelable: true,
        }),
      ),
    );
    await page.waitForTimeout(300);
    await expect(page.getByRole('dialog', { name: '编辑人员' })).toHaveCount(0);
    // A real Enter picks the highlighted person and opens the form.
    await page.getByLabel('快速查找').press('Enter');
    await expect(page.getByRole('dialog', { name: '编辑人员' }).getByLabel('姓名')).toHaveValue('张伟');
  });

  test('表单中组字时按 Enter 只是选字，不会保存', async ({ page, app }) => {
    await app.initialize();
    await login(page, app);
    await page.getByRole('button', { name: '新增人员' }).click();
    const dialog = page.getByRole('dialog', { name: '新增人员' });
    const name = dialog.getByLabel('姓名');
    await expect(name).toBeFocused();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Input.imeSetComposition', { text: 'zhaoliu', selectionStart: 7, selectionEnd: 7 });
    await name.evaluate((el) =>
      el.dispatchEvent(
        new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 229, isComposing: true, bubbles: true, cancelable: true }),
      ),
    );
    await cdp.send('Input.insertText', { text: '赵六' });
    await expect(name).toHaveValue('赵六');
    await page.waitForTimeout(500);
    await expect(dialog).toBeVisible();
    expect(app.count('SELECT count(*) AS n FROM people')).toBe(0);
    // A plain Enter afterwards saves.
    await name.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(row(page, '赵六')).toBeVisible();
  });

  test('同名人员（两位张伟）以单位和出生年月区分；快速查找选中其中一位打开其编辑表单', async ({ page, app }) => {
    const { finance, education } = await seedPeople(app);
    await app.person({ name: '张伟', unitId: finance, birthMonth: '1980-05', position: '科长' });
    await app.person({ name: '张伟', unitId: education, birthMonth: '1985-11', position: '教研员' });
    await login(page, app);

    await searchBox(page).click();
    await page.keyboard.insertText('张伟');
    await expect.poll(() => tableNames(page)).toEqual(['张伟', '张伟']);
    const rows = row(page, '张伟');
    await expect(rows.filter({ hasText: '县财政局' })).toContainText('1980年5月');
    await expect(rows.filter({ hasText: '县教育局' })).toContainText('1985年11月');
    await expect(rows.filter({ hasText: '同名' })).toHaveCount(2);
    await expect(row(page, '张三')).toHaveCount(0);

    // Quick find (PersonPicker): both options say where each 张伟 works and when born.
    const picker = page.getByLabel('快速查找');
    await picker.click();
    await page.keyboard.insertText('zw');
    const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    await expect(options).toHaveCount(2);
    await expect(options.filter({ hasText: '县财政局' })).toContainText('1980年5月');
    await expect(options.filter({ hasText: '县教育局' })).toContainText('1985年11月');
    await expect(options.first()).toContainText('同名');
    await options.filter({ hasText: '县教育局' }).click();

    const dialog = page.getByRole('dialog', { name: '编辑人员' });
    await expect(dialog.getByLabel('姓名')).toHaveValue('张伟');
    await expect(dialog.getByLabel('出生年月')).toHaveValue('1985-11');
    await expect(dialog.getByLabel('职务', { exact: true })).toHaveValue('教研员');
  });

  test('编辑人员：修改职务后保存，列表更新', async ({ page, app }) => {
    await seedPeople(app);
    await login(page, app);
    await row(page, '王五').getByRole('button', { name: '编辑' }).click();
    const dialog = page.getByRole('dialog', { name: '编辑人员' });
    await expect(dialog.getByLabel('姓名')).toHaveValue('王五');
    await dialog.getByLabel('职务', { exact: true }).fill('副股长');
    await dialog.getByLabel('职级/层次').fill('一级科员');
    await dialog.getByLabel('职级/层次').press('Enter');
    await expect(dialog).toBeHidden();
    await expect(row(page, '王五')).toContainText('副股长');
    expect(
      app.count("SELECT count(*) AS n FROM people WHERE name = '王五' AND position = '副股长' AND rank = '一级科员' AND rev = 2"),
    ).toBe(1);
  });

  test('输入有误（姓名为空、身份证号校验位错、出生年月2099-01）：显示中文提示，什么也不保存，已填内容保留', async ({ page, app }) => {
    await app.initialize();
    await login(page, app);
    await page.getByRole('button', { name: '新增人员' }).click();
    const dialog = page.getByRole('dialog', { name: '新增人员' });
    await dialog.getByLabel('出生年月').fill('2099-01');
    await dialog.getByLabel('身份证号').fill('110101199003071234');
    await dialog.getByLabel('职务', { exact: true }).fill('科员');
    await dialog.getByLabel('职务', { exact: true }).press('Enter');

    await expect(dialog.getByText('请填写姓名')).toBeVisible();
    await expect(dialog.getByText('身份证号的出生日期或校验位不正确，请核对')).toBeVisible();
    await expect(dialog.getByText('出生年月应为“1980-05”格式，且在1900年至今之间')).toBeVisible();
    await expect(dialog.getByRole('alert')).toContainText('请按提示修改标红的项目后再保存');
    await expect(dialog.getByLabel('身份证号')).toHaveValue('110101199003071234');
    await expect(dialog.getByLabel('职务', { exact: true })).toHaveValue('科员');

    // A name with digits is refused with the contract's message too.
    await dialog.getByLabel('姓名').fill('张3');
    await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
    await expect(dialog.getByText('姓名不能包含数字或特殊符号')).toBeVisible();
    expect(app.count('SELECT count(*) AS n FROM people')).toBe(0);

    // Corrected, it saves.
    await dialog.getByLabel('姓名').fill('张三');
    await dialog.getByLabel('出生年月').fill('199003');
    await dialog.getByLabel('身份证号').fill(idNumber('110101', '19900307', '123'));
    await dialog.getByRole('button', { name: /^保\s*存$/ }).click();
    await expect(dialog).toBeHidden();
    await expect(row(page, '张三')).toContainText('1990年3月');
    expect(app.count('SELECT count(*) AS n FROM people')).toBe(1);
  });

  test('服务器拒绝（身份证号与他人重复）：提示显示在该项上，表单内容保留', async ({ page, app }) => {
    await app.initialize();
    const id = idNumber('330102', '19850101', '456');
    await app.person({ name: '钱七', idNumber: id });
    await login(page, app);
    await page.getByRole('button', { name: '新增人员' }).click();
    const dialog = page.getByRole('dialog', { name: '新增人员' });
    await expect(dialog.getByLabel('姓名')).toBeFocused();
    await page.keyboard.insertText('孙八');
    await dialog.getByLabel('身份证号').fill(id);
    await dialog.getByLabel('身份证号').press('Enter');
    await expect(dialog.getByRole('alert')).toContainText('身份证号与人员库中的“钱七”重复，未保存。');
    await expect(dialog.getByText('与已有人员重复')).toBeVisible();
    await expect(dialog.getByLabel('姓名')).toHaveValue('孙八');
    await expect(dialog.getByLabel('身份证号')).toHaveValue(id);
    expect(app.count("SELECT count(*) AS n FROM people WHERE name = '孙八'")).toBe(0);
  });

  test('他人已修改（版本过期）：提示冲突并保留所填内容，可载入最新内容', async ({ page, app }) => {
    await seedPeople(app);
    await login(page, app);
    await row(page, '张三').getByRole('button', { name: '编辑' }).click();
    const dialog = page.getByRole('dialog', { name: '编辑人员' });
    await expect(dialog.getByLabel('职务', { exact: true })).toHaveValue('科员');

    // Another clerk saves the same person first.
    const [zhang] = (await app.invoke('people.list', { query: '张三' })).items;
    await app.invoke('people.update', {
      id: zhang!.id,
      rev: zhang!.rev,
      name: '张三',
      unitId: zhang!.unitId,
      birthMonth: '1980-05',
      position: '副科长',
    });

    await dialog.getByLabel('职务', { exact: true }).fill('科长');
    await dialog.getByLabel('职务', { exact: true }).press('Enter');
    await expect(dialog.getByRole('alert')).toContainText('该记录已被他人修改');
    await expect(dialog.getByLabel('职务', { exact: true })).toHaveValue('科长');
    expect(app.count("SELECT count(*) AS n FROM people WHERE name = '张三' AND position = '副科长'")).toBe(1);

    await dialog.getByRole('button', { name: '载入最新内容（放弃本次修改）' }).click();
    await expect(dialog.getByLabel('职务', { exact: true })).toHaveValue('副科长');
    await dialog.getByLabel('职务', { exact: true }).fill('科长');
    await dialog.getByLabel('职务', { exact: true }).press('Enter');
    await expect(dialog).toBeHidden();
    await expect(row(page, '张三')).toContainText('科长');
  });

  test('删除人员需确认，进入回收站，可恢复', async ({ page, app }) => {
    await seedPeople(app);
    await login(page, app);
    await row(page, '李四光').getByRole('button', { name: '删除' }).click();
    await confirmDialog(page, '删除后可在回收站恢复', /^删\s*除$/);
    await expect(row(page, '李四光')).toHaveCount(0);
    expect(app.count("SELECT count(*) AS n FROM people WHERE name = '李四光' AND deleted_at IS NOT NULL")).toBe(1);

    await page.getByRole('menuitem', { name: '回收站' }).click();
    const binRow = row(page, '李四光');
    await expect(binRow).toContainText('人员');
    await expect(binRow).toContainText('县教育局');
    await expect(binRow).toContainText(ADMIN.displayName);
    await expect(binRow).toContainText(/\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}/);
    // 导出 hands out the 回收站 as listed: a CSV with BOM, Chinese headers, this one row.
    await page.getByRole('button', { name: /^导\s?出$/ }).hover();
    const downloading = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: '导出为 CSV' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^回收站_\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path());
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('类型,名称,说明,删除人,删除时间');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^人员,李四光,.*县教育局.*,${ADMIN.displayName},\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}$`)),
    ]);
    await binRow.getByRole('button', { name: /^恢\s*复$/ }).click();
    await confirmDialog(page, '恢复人员“李四光”？', /^恢\s*复$/);
    await expect(page.getByText('回收站是空的')).toBeVisible();

    await page.getByRole('menuitem', { name: '人员库' }).click();
    await expect(row(page, '李四光')).toContainText('教师');
  });

  test('按单位（含下级）和人员类别筛选', async ({ page, app }) => {
    await app.initialize();
    const finance = await app.unit('县财政局');
    const budget = await app.unit('预算股', finance);
    await app.person({ name: '周一', unitId: finance, category: '公务员' });
    await app.person({ name: '吴二', unitId: budget, category: '事业' });
    await app.person({ name: '郑三', category: '国企' });
    await login(page, app);
    await expect.poll(async () => (await tableNames(page)).length).toBe(3);

    await pickUnit(page, page.getByLabel('按单位筛选'), '县财政局');
    await expect.poll(async () => (await tableNames(page)).sort()).toEqual(['周一', '吴二'].sort());
    await page.getByLabel('含下级').uncheck();
    await expect.poll(() => tableNames(page)).toEqual(['周一']);
    await page.getByLabel('含下级').check();
    await pickOption(page, page.getByLabel('按人员类别筛选'), '事业');
    await expect.poll(() => tableNames(page)).toEqual(['吴二']);
  });
});
