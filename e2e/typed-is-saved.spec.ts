/**
 * What is typed is what is saved (issue 16 §1): a clerk fills a field and clicks the
 * button at once — no Tab, no Enter. Every action must read the value the field shows.
 */
import type { Locator, Page } from '@playwright/test';
import { addDays, chineseDate, localIsoDate } from '../core/shared/dates';
import { expect, login, test, type TestApp } from './support/fixtures';
import { pickOption } from './support/ui';

const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);
const button = (scope: Page | Locator, text: string) => scope.getByRole('button', { name: label(text) });
const today = localIsoDate(new Date());

async function seed(app: TestApp) {
  await app.initialize();
  const finance = await app.unit('县财政局');
  const zhang = await app.person({ name: '张伟', unitId: finance, birthMonth: '1985-03', position: '科员' });
  return { finance, zhang };
}

test.describe('所填即所存', () => {
  test.describe.configure({ timeout: 120_000 });

  test('登记处分：填生效日期后直接点保存，按所填日期保存', async ({ page, app }) => {
    const { zhang } = await seed(app);
    await login(page, app);
    await page.locator('.ant-table-row').filter({ hasText: '张伟' }).getByRole('link', { name: '张伟' }).click();
    await page.getByRole('button', { name: '登记处分/处理' }).click();
    const drawer = page.getByRole('dialog', { name: /登记处分\/处理/ });
    await pickOption(page, drawer.getByLabel('处分类别'), '政务处分');
    await pickOption(page, drawer.getByLabel('处分种类'), '记过');
    await drawer.getByLabel('决定机关').fill('县监委');
    await drawer.getByLabel('决定日期').fill(addDays(today, -35));
    await drawer.getByLabel('决定文号').fill('县监发〔2026〕5号');
    await drawer.getByLabel('主要事实').fill('违规发放津贴补贴');
    await drawer.getByLabel('生效日期').fill(addDays(today, -30));
    await button(drawer, '保存').click();
    await expect(drawer).toBeHidden();
    const row = page.locator('tr.ant-table-row').filter({ hasText: '政务处分·记过' });
    await expect(row).toContainText(chineseDate(addDays(today, -30)));
    expect(app.count('SELECT count(*) n FROM sanctions WHERE person_id = ? AND effective_date = ?', zhang, addDays(today, -30))).toBe(1);
  });

  test('来函详情：填回复日期后直接点拟办回复，按所填日期核查', async ({ page, app }) => {
    const { zhang } = await seed(app);
    // 记过 effective 2025-07-01: its 12-month impact period runs to 2026-06-30.
    await app.invoke('sanctions.create', {
      personId: zhang,
      category: 'government',
      type: '记过',
      decisionAuthority: '县监委',
      decisionDate: '2025-06-20',
      effectiveDate: '2025-07-01',
      summary: '违规发放津贴补贴',
    });
    const request = await app.invoke('opinionRequests.create', {
      requester: '县委组织部',
      requesterDocNumber: null,
      title: '关于征求张伟同志廉政意见的函',
      receivedDate: '2026-05-20',
      purpose: '提拔',
      notes: null,
      persons: [{ personId: zhang, unitText: null, positionText: null }],
    });
    await login(page, app);
    await page.evaluate((id) => {
      window.location.hash = `#/opinions/requests/${id}`;
    }, request.id);
    await page.getByLabel('回复日期').fill('2026-06-01');
    await button(page, '拟办回复').click();
    const reply = page.getByTestId('reply-view');
    await expect(reply).toBeVisible();
    await expect(reply.getByText('2026年6月1日').first()).toBeVisible();
    await expect(reply.getByTestId('count-barred')).toContainText('1人');
  });

  test('日期写错时不悄悄沿用原日期：说明错在哪里，不保存', async ({ page, app }) => {
    await seed(app);
    await login(page, app);
    await page.locator('.ant-table-row').filter({ hasText: '张伟' }).getByRole('link', { name: '张伟' }).click();
    await page.getByRole('button', { name: '登记处分/处理' }).click();
    const drawer = page.getByRole('dialog', { name: /登记处分\/处理/ });
    await pickOption(page, drawer.getByLabel('处分类别'), '政务处分');
    await pickOption(page, drawer.getByLabel('处分种类'), '记过');
    await drawer.getByLabel('决定机关').fill('县监委');
    await drawer.getByLabel('主要事实').fill('违规发放津贴补贴');
    await drawer.getByLabel('决定日期').fill('2026-02-20');
    await drawer.getByLabel('生效日期').fill('2026-02-30');
    await button(drawer, '保存').click();
    await expect(drawer.getByText('生效日期应为有效日期（如2025-07-01）')).toBeVisible();
    await expect(drawer.getByLabel('生效日期')).toHaveValue('2026-02-30');
    expect(app.count('SELECT count(*) n FROM sanctions')).toBe(0);
    // Corrected, then saved at once.
    await drawer.getByLabel('生效日期').fill('2026-03-02');
    await button(drawer, '保存').click();
    await expect(drawer).toBeHidden();
    expect(app.count("SELECT count(*) n FROM sanctions WHERE effective_date = '2026-03-02'")).toBe(1);
  });

  test('超过字数的内容不悄悄截断：说出上限和没有填入的字数', async ({ page, app }) => {
    await seed(app);
    await login(page, app);
    await button(page, '新增人员').click();
    const dialog = page.getByRole('dialog', { name: '新增人员' });
    const long = '欧阳'.repeat(14); // 28 characters; 姓名 takes 20
    await dialog.getByLabel('姓名').fill(long);
    await expect(page.getByText('“姓名”最多20个字，多出的8个字没有填入，请精简后再填。')).toBeVisible();
    await expect(dialog.getByLabel('姓名')).toHaveValue(long.slice(0, 20));
  });

  test('中文输入法上屏超过字数：组拼音时不报，选定汉字时说出上限和没有填入的字数', async ({ page, app }) => {
    await seed(app);
    await login(page, app);
    await button(page, '新增人员').click();
    const dialog = page.getByRole('dialog', { name: '新增人员' });
    const cdp = await page.context().newCDPSession(page);
    /** Types pinyin through Chromium's IME path, then picks the characters (commits the composition). */
    const compose = async (pinyin: string, chosen: string) => {
      for (let i = 1; i <= pinyin.length; i++) {
        const text = pinyin.slice(0, i);
        await cdp.send('Input.imeSetComposition', { text, selectionStart: text.length, selectionEnd: text.length });
      }
      await cdp.send('Input.insertText', { text: chosen });
    };
    const notice = page.locator('.ant-message-notice');

    // 姓名 takes 20. Pinyin longer than what is left says nothing while composing, and
    // characters that fit once chosen say nothing either: 18 + 张三 = 20 exactly.
    const name = dialog.getByLabel('姓名');
    await name.fill('欧阳'.repeat(9));
    await compose('zhangsan', '张三');
    await expect(name).toHaveValue(`${'欧阳'.repeat(9)}张三`);
    await expect(notice).toHaveCount(0);

    // 18 typed, then the IME enters 欧阳明 (3): one does not fit, and the clerk is told.
    await name.fill('欧阳'.repeat(9));
    await compose('ouyangming', '欧阳明');
    await expect(page.getByText('“姓名”最多20个字，多出的1个字没有填入，请精简后再填。')).toBeVisible();
    await expect(name).toHaveValue(`${'欧阳'.repeat(9)}欧阳`);

    // 备注 (a text area) takes 500: the same while composing there.
    const notes = dialog.getByLabel('备注');
    await notes.fill('廉'.repeat(499));
    await compose('qinglian', '清廉');
    await expect(page.getByText('“备注”最多500个字，多出的1个字没有填入，请精简后再填。')).toBeVisible();
    await expect(notes).toHaveValue(`${'廉'.repeat(499)}清`);
  });

  test('登记来函：来函单位（可选可填）超过字数也说出上限', async ({ page, app }) => {
    await seed(app);
    await login(page, app);
    await page.getByRole('menuitem', { name: '征求意见' }).click();
    await button(page, '登记来函').click();
    const requester = page.getByLabel('来函单位');
    const long = '中共某某县委组织部干部监督科'.repeat(5); // 70 characters; 来函单位 takes 60
    await requester.fill(long);
    await expect(page.getByText('“来函单位”最多60个字，多出的10个字没有填入，请精简后再填。')).toBeVisible();
    await expect(requester).toHaveValue(long.slice(0, 60));
  });

  test('新增人员：在单位框里打“发改”后直接点保存，存为唯一匹配的单位', async ({ page, app }) => {
    await seed(app);
    await app.invoke('units.create', { name: '市发展和改革委员会', shortName: '市发改委', parentId: null });
    await login(page, app);
    await button(page, '新增人员').click();
    const dialog = page.getByRole('dialog', { name: '新增人员' });
    await dialog.getByLabel('姓名').fill('欧阳明');
    await dialog.getByLabel('单位').click();
    await page.keyboard.insertText('发改');
    await button(dialog, '保存').click();
    await expect(dialog).toBeHidden();
    await expect(page.locator('.ant-table-row').filter({ hasText: '欧阳明' })).toContainText('市发展和改革委员会');
  });

  test('登记在查事项：来源（可选可填）和受理日期填完直接点保存，按所填保存', async ({ page, app }) => {
    const { zhang } = await seed(app);
    await login(page, app);
    await page.locator('.ant-table-row').filter({ hasText: '张伟' }).getByRole('link', { name: '张伟' }).click();
    await page.getByRole('tab', { name: /在查事项/ }).click();
    await page.getByRole('button', { name: '登记在查事项' }).click();
    const dialog = page.getByRole('dialog', { name: /登记在查事项/ });
    await pickOption(page, dialog.getByLabel('事项类别'), '问题线索');
    await dialog.getByLabel('反映的主要问题').fill('反映其违规接受宴请');
    await dialog.getByLabel('来源').fill('市委第三巡察组移交');
    await dialog.getByLabel('受理日期').fill(addDays(today, -12));
    await button(dialog, '保存').click();
    await expect(dialog).toBeHidden();
    await expect(page.locator('tr.ant-table-row').filter({ hasText: '问题线索' })).toContainText(chineseDate(addDays(today, -12)));
    expect(
      app.count(
        "SELECT count(*) n FROM pending_matters WHERE person_id = ? AND source = '市委第三巡察组移交' AND received_date = ?",
        zhang,
        addDays(today, -12),
      ),
    ).toBe(1);
  });
});
