/**
 * 廉政意见回复 end to end: registers (处分, 在查事项) on the person's page, a request
 * pasted with same-name and unknown lines, the reply with its proposed conclusions, an
 * override with a reason, the sections' checks, review, issue with a number, and the
 * frozen issued reply. Plus bad input: a request without persons, an impossible date.
 */
import type { Locator, Page } from '@playwright/test';
import { periodLastDay } from '../core/sanctions/periodMath';
import { addDays, chineseDate, localIsoDate } from '../core/shared/dates';
import { expect, login, test, type TestApp } from './support/fixtures';
import { confirmDialog, pickOption } from './support/ui';

/** antd puts a space between the two characters of a two-character button ("保 存"). */
const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);
const button = (scope: Page | Locator, text: string) => scope.getByRole('button', { name: label(text) });

/** Goes to a route inside the app (hash router), keeping the session. */
async function go(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => {
    window.location.hash = `#${p}`;
  }, path);
}

/** Types a date into a DateInput (antd DatePicker) and takes it with Enter. */
async function fillDate(field: Locator, iso: string): Promise<void> {
  await field.click();
  await field.fill(iso);
  await field.press('Enter');
  await expect(field).toHaveValue(chineseDate(iso));
}

const today = localIsoDate(new Date());

/** Latin words on screen (there should be none: every visible word is Chinese). */
const latinWords = async (scope: Locator) => (await scope.innerText()).match(/[A-Za-z]{2,}/g) ?? [];

/** Today as the browser sees it (its time zone is set by the Playwright config and may differ from this process's). */
const browserToday = (page: Page) =>
  page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });

async function seed(app: TestApp) {
  await app.initialize();
  const finance = await app.unit('县财政局');
  const education = await app.unit('县教育局');
  const town = await app.unit('东湖镇');
  const ids: Record<string, string> = {};
  const people: [string, string, string, string][] = [
    ['张三', finance, '1980-01', '科长'],
    ['李四', finance, '1978-06', '副局长'],
    ['王五', education, '1982-03', '科长'],
    ['赵六', education, '1985-07', '主任'],
    ['孙七', town, '1979-09', '副镇长'],
    ['周八', town, '1983-02', '站长'],
    ['吴九', finance, '1990-12', '科员'],
    ['郑十', education, '1988-04', '科员'],
  ];
  for (const [name, unitId, birthMonth, position] of people) {
    ids[name] = await app.person({ name, unitId, birthMonth, position, politicalStatus: '中共党员' });
  }
  ids['张伟@财政'] = await app.person({ name: '张伟', unitId: finance, birthMonth: '1985-03', position: '科员' });
  ids['张伟@东湖'] = await app.person({ name: '张伟', unitId: town, birthMonth: '1979-11', position: '干事' });
  return { ids, finance, education, town };
}

const PASTE = [
  '序号 姓名 单位 职务',
  '1 张三 县财政局 科长',
  '2 李四 县财政局 副局长',
  '3 王五 县教育局 科长',
  '4 赵六 县教育局 主任',
  '5 孙七 东湖镇 副镇长',
  '6 周八 东湖镇 站长',
  '7 吴九 县财政局 科员',
  '8 郑十 县教育局 科员',
  '9 张伟 县委宣传部 干事',
  '10 钱十一 县财政局 科员',
].join('\n');

/** A row of the table inside `scope` that holds `text`. */
const rowIn = (scope: Locator, text: string | RegExp) => scope.locator('tr.ant-table-row').filter({ hasText: text });
/** A person's row in the reply table. */
const item = (reply: Locator, name: string) => rowIn(reply, name);

test.describe('廉政意见回复', () => {
  // The long flows below take close to a minute on a loaded machine.
  test.describe.configure({ timeout: 180_000 });

  test('登记处分和在查事项，粘贴10人来函（同名、无此人），拟办、改变结论、科室核查、审核、签发；签发后不能再改', async ({ page, app }) => {
    const { ids } = await seed(app);
    await login(page, app);
    for (const item of ['征求意见', '意见回复']) await expect(page.getByRole('menuitem', { name: item })).toBeVisible();

    // ---- 王五: 政务处分·记过, effective 30 days ago (inside its 12-month impact period).
    const decided = addDays(today, -35);
    const effective = addDays(today, -30);
    const lastDay = periodLastDay(effective, 12);
    // The name in 人员库 opens the person's page.
    await page.locator('.ant-table-row').filter({ hasText: '王五' }).getByRole('link', { name: '王五' }).click();
    await expect(page.getByRole('heading', { name: '人员档案 · 王五' })).toBeVisible();
    await expect(page.getByTestId('person-header')).toContainText('县教育局');
    await expect(page.getByTestId('person-header')).toContainText('1982年3月');
    await page.getByRole('button', { name: '登记处分/处理' }).click();
    const drawer = page.getByRole('dialog', { name: /登记处分\/处理/ });
    await pickOption(page, drawer.getByLabel('处分类别'), '政务处分');
    await pickOption(page, drawer.getByLabel('处分种类'), '记过');
    await drawer.getByLabel('决定机关').fill('县监委');
    await drawer.getByLabel('决定文号').fill('县监发〔2026〕5号');
    await fillDate(drawer.getByLabel('决定日期'), decided);
    await fillDate(drawer.getByLabel('生效日期'), effective);
    await drawer.getByLabel('主要事实').fill('违规发放津贴补贴');
    await button(drawer, '保存').click();
    await expect(drawer).toBeHidden();
    const sanctionRow = page.locator('tr.ant-table-row').filter({ hasText: '政务处分·记过' });
    await expect(sanctionRow.getByTestId('promotion-end')).toContainText(chineseDate(lastDay));
    await expect(sanctionRow.getByTestId('promotion-end')).toContainText('影响期内');
    await expect(sanctionRow.getByTestId('commendation-end')).toContainText(chineseDate(lastDay));
    await sanctionRow.getByRole('button', { name: '计算过程' }).click();
    await expect(page.locator('.ant-popover')).toContainText(`自${chineseDate(effective)}生效起12个月，最后一日为${chineseDate(lastDay)}`);
    await expect(page.getByTestId('person-state')).toContainText('政务处分·记过影响期内');
    expect(await latinWords(page.locator('main'))).toEqual([]);
    expect(app.count("SELECT count(*) AS n FROM sanctions WHERE person_id = ? AND type = '记过'", ids['王五'])).toBe(1);

    // ---- 赵六: a 问题线索 still being handled.
    await go(page, `/people/${ids['赵六']}`);
    await expect(page.getByRole('heading', { name: '人员档案 · 赵六' })).toBeVisible();
    await page.getByRole('tab', { name: /在查事项/ }).click();
    await page.getByRole('button', { name: '登记在查事项' }).click();
    const pendingDialog = page.getByRole('dialog', { name: /登记在查事项/ });
    await pickOption(page, pendingDialog.getByLabel('事项类别'), '问题线索');
    await pendingDialog.getByLabel('来源').fill('信访举报');
    await fillDate(pendingDialog.getByLabel('受理日期'), addDays(today, -10));
    await pendingDialog.getByLabel('反映的主要问题').fill('反映其违规接受宴请');
    await button(pendingDialog, '保存').click();
    await expect(pendingDialog).toBeHidden();
    await expect(page.locator('tr.ant-table-row').filter({ hasText: '问题线索' })).toContainText('在办');
    await expect(page.getByTestId('person-state')).toContainText('在查事项1项');

    // ---- The request: pasted list of 10, one ambiguous 张伟, one unknown 钱十一.
    await page.getByRole('menuitem', { name: '征求意见' }).click();
    await expect(page.getByRole('heading', { name: '征求意见' })).toBeVisible();
    await page.getByRole('button', { name: '登记来函' }).click();
    await expect(page.getByRole('heading', { name: '登记来函' })).toBeVisible();
    await expect(page.getByLabel('来函单位')).toHaveValue('市委组织部');
    await expect(page.getByLabel('收文日期')).toHaveValue(chineseDate(await browserToday(page)));
    await page.getByLabel('来函文号').fill('市组干函〔2026〕12号');
    await page.getByLabel('来函标题').fill('关于征求张三等同志党风廉政情况意见的函');
    await pickOption(page, page.getByLabel('用途'), '提拔');
    await page.getByLabel('粘贴人员名单').fill(PASTE);
    await page.getByRole('button', { name: '核对名单' }).click();
    const lines = page.getByTestId('person-lines');
    await expect(lines.locator('tr.ant-table-row')).toHaveCount(10);
    await expect(rowIn(lines, '张三').getByTestId('line-state')).toHaveText('已匹配');
    const zhangwei = rowIn(lines, '县委宣传部');
    await expect(zhangwei.getByTestId('line-state')).toHaveText('同名待选');
    await expect(zhangwei).toContainText('人员库中有2名张伟');
    await expect(zhangwei.getByRole('radio')).toHaveCount(2);
    await expect(zhangwei).toContainText('1985年3月');
    await expect(zhangwei).toContainText('1979年11月');
    const qian = rowIn(lines, '钱十一');
    await expect(qian.getByTestId('line-state')).toHaveText('人员库无此人');
    await expect(page.getByTestId('lines-todo')).toContainText('还有2行待处理');
    expect(await latinWords(page.locator('main'))).toEqual([]);
    await expect(button(page, '保存')).toBeDisabled();

    // Pick the 县财政局 张伟.
    await zhangwei.getByRole('radio', { name: /县财政局/ }).click(); // the line resolves at once (the choices give way to the person)
    await expect(zhangwei.getByTestId('line-state')).toHaveText('已匹配');
    await expect(zhangwei).toContainText('已选定');

    // Create 钱十一: the person form comes prefilled with the name and the unit.
    await qian.getByRole('button', { name: '新增人员' }).click();
    const personDialog = page.getByRole('dialog', { name: '新增人员' });
    await expect(personDialog.getByLabel('姓名')).toHaveValue('钱十一');
    await expect(
      personDialog.locator('.ant-select-content, .ant-select-selection-item').filter({ hasText: '县财政局' }).first(),
    ).toBeVisible();
    await expect(personDialog.getByLabel('职务', { exact: true })).toHaveValue('科员');
    await personDialog.getByLabel('出生年月').fill('1992-08');
    await button(personDialog, '保存').click();
    await expect(personDialog).toBeHidden();
    await expect(qian.getByTestId('line-state')).toHaveText('已匹配');
    await expect(qian).toContainText('已新增');
    await expect(page.getByTestId('lines-todo')).toContainText('全部10人已匹配');

    await expect(button(page, '保存')).toBeEnabled();
    await button(page, '保存').click();
    await expect(page.getByRole('heading', { name: '关于征求张三等同志党风廉政情况意见的函' })).toBeVisible();
    await expect(page.getByTestId('request-info')).toContainText('市组干函〔2026〕12号');
    await expect(page.getByTestId('request-info')).toContainText('10人');
    expect(app.count('SELECT count(*) AS n FROM opinion_request_persons')).toBe(10);
    expect(
      app.count(
        "SELECT count(*) AS n FROM opinion_request_persons x JOIN people p ON p.id = x.person_id WHERE p.name = '张伟' AND p.id = ?",
        ids['张伟@财政'],
      ),
    ).toBe(1);

    // ---- 拟办回复: one clear, one pending, one barred.
    await expect(page.getByLabel('回复日期')).toHaveValue(chineseDate(await browserToday(page)));
    await button(page, '拟办回复').click();
    const reply = page.getByTestId('reply-view');
    await expect(reply).toHaveAttribute('data-status', 'draft');
    await expect(item(reply, '张三').locator('[data-category]').first()).toHaveText('未发现问题');
    await expect(item(reply, '张三').getByLabel('张三的意见')).toHaveValue(/未发现影响提拔使用的问题/);
    await expect(item(reply, '赵六').locator('[data-category]').first()).toHaveText('建议暂缓');
    await expect(item(reply, '赵六').getByLabel('赵六的意见')).toHaveValue(/有反映问题正在核查.*建议暂缓/);
    await expect(item(reply, '王五').locator('[data-category]').first()).toHaveText('影响期内');
    await expect(item(reply, '王五').getByLabel('王五的意见')).toHaveValue(new RegExp(`政务记过处分.*至${chineseDate(lastDay)}.*不宜提拔`));
    await expect(page.getByTestId('count-clear')).toContainText('8人');
    await expect(page.getByTestId('count-pending')).toContainText('1人');
    await expect(page.getByTestId('count-barred')).toContainText('1人');
    expect(await latinWords(page.locator('main'))).toEqual([]);

    // What the check found, for 王五.
    await item(reply, '王五').locator('.ant-table-row-expand-icon').click();
    await expect(reply.getByTestId('findings')).toContainText('政务处分·记过');
    await expect(reply.getByTestId('findings')).toContainText('影响期内');

    // ---- Override 张三 to 其他意见: a reason is required.
    await pickOption(page, item(reply, '张三').getByLabel('张三的结论'), '其他意见');
    await item(reply, '张三').getByLabel('张三的意见').fill('该同志近期有信访反映，经初核不属实。');
    await button(item(reply, '张三'), '保存').click();
    await expect(item(reply, '张三')).toContainText('改变系统建议的结论，须填写理由');
    expect(app.count("SELECT count(*) AS n FROM opinion_reply_items WHERE category = 'other'")).toBe(0);
    await item(reply, '张三').getByLabel('张三的改变理由').fill('信访室告知有初核了结件');
    await button(item(reply, '张三'), '保存').click();
    await expect(page.getByTestId('count-other')).toContainText('1人');
    await expect(page.getByTestId('count-clear')).toContainText('7人');
    expect(
      app.count(
        "SELECT count(*) AS n FROM opinion_reply_items WHERE category = 'other' AND proposed_category = 'clear' AND override_reason = '信访室告知有初核了结件'",
      ),
    ).toBe(1);

    // ---- Review is held until every section has checked.
    await expect(page.getByTestId('review-block')).toContainText('信访室、案管室、审理室');
    await expect(button(page, '审核通过')).toBeDisabled();
    for (const [section, checker] of [
      ['信访室', '李信访'],
      ['案管室', '周案管'],
      ['审理室', '吴审理'],
    ] as const) {
      const panel = page.getByTestId(`check-${section}`);
      await panel.getByLabel(`${section}核查人`).fill(checker);
      await panel.getByRole('button', { name: '登记核查' }).click();
      await expect(panel).toContainText(`核查人：${checker}`);
      await expect(panel).toContainText('已核查');
    }
    await expect(button(page, '审核通过')).toBeEnabled();
    await button(page, '审核通过').click();
    await expect(reply).toHaveAttribute('data-status', 'reviewed');
    // Reviewed: read-only already.
    await expect(reply.locator('textarea')).toHaveCount(0);

    // ---- Issue: asks first, then the number.
    await button(page, '签发').click();
    await confirmDialog(page, '签发后将分配文号且不能再修改', label('签发'));
    await expect(reply).toHaveAttribute('data-status', 'issued');
    const year = new Date().getFullYear();
    await expect(page.getByTestId('reply-doc-number')).toHaveText(`某纪廉复〔${year}〕1号`);

    // ---- Issued: no edit controls at all…
    await expect(reply.locator('textarea')).toHaveCount(0);
    await expect(reply.locator('input:not([type=checkbox]):not([type=radio])')).toHaveCount(0);
    await expect(reply.locator('.ant-select')).toHaveCount(0);
    await expect(button(reply, '保存')).toHaveCount(0);
    await expect(reply.getByRole('button', { name: '登记核查' })).toHaveCount(0);
    await expect(button(reply, '审核通过')).toHaveCount(0);
    await expect(button(reply, '签发')).toHaveCount(0);
    await expect(reply.getByRole('button', { name: '更正回复' })).toBeVisible();
    await expect(item(reply, '张三').getByTestId('wording')).toHaveText('该同志近期有信访反映，经初核不属实。');
    expect(await latinWords(page.locator('main'))).toEqual([]);

    // …and the server refuses edits.
    const replies = await app.invoke('opinionReplies.list', {});
    const detail = await app.invoke('opinionReplies.get', { id: replies.items[0]!.id });
    const target = detail.items.find((i) => i.person.name === '张三')!;
    await expect(
      app.invoke('opinionReplies.updateItem', {
        replyId: detail.id,
        itemId: target.id,
        rev: target.rev,
        category: 'clear',
        wording: '未发现影响提拔使用的问题。',
      }),
    ).rejects.toThrow(/已签发/);
    await expect(
      app.invoke('opinionReplies.recordCheck', { replyId: detail.id, section: '信访室', checker: '某人', checkedOn: today }),
    ).rejects.toThrow(/已签发/);

    // ---- The list of replies and the person's page show it.
    await page.getByRole('menuitem', { name: '意见回复' }).click();
    const replyRow = page.locator('tr.ant-table-row').filter({ hasText: `某纪廉复〔${year}〕1号` });
    await expect(replyRow).toContainText('市委组织部');
    await expect(replyRow).toContainText('已签发');
    await expect(replyRow).toContainText('10');
    expect(await latinWords(page.locator('main'))).toEqual([]);
    await page.getByLabel('搜索回复').click();
    await page.keyboard.insertText('钱十一');
    await expect(page.locator('tr.ant-table-row')).toHaveCount(1);

    await go(page, `/people/${ids['王五']}`);
    await page.getByRole('tab', { name: /意见回复记录/ }).click();
    const given = page.locator('tr.ant-table-row').filter({ hasText: `某纪廉复〔${year}〕1号` });
    await expect(given).toContainText('影响期内');
    await expect(given).toContainText('不宜提拔');

    // The request list: replied.
    await page.getByRole('menuitem', { name: '征求意见' }).click();
    const requestRow = page.locator('tr.ant-table-row').filter({ hasText: '关于征求张三等同志党风廉政情况意见的函' });
    await expect(requestRow).toContainText('已签发');
    await expect(requestRow).toContainText(`某纪廉复〔${year}〕1号`);
  });

  test('大名单：250行分3批核对（行号接续）并显示进度；导入表格文件；回复表分页', async ({ page, app }) => {
    await app.initialize();
    const unit = await app.unit('县财政局');
    const names: string[] = [];
    for (let i = 0; i < 250; i++) {
      const name = `测${String.fromCharCode(0x4e00 + i * 3)}${String.fromCharCode(0x5000 + i * 5)}`;
      names.push(name);
      await app.person({ name, unitId: unit, position: '科员' });
    }
    await app.person({ name: '钱多多', unitId: unit, position: '科长' });
    await login(page, app);

    // Each matchLines call is held a little, so the progress bar can be seen.
    const calls: { firstLineNo: number; lines: number }[] = [];
    await page.route('**/api/opinionRequests.matchLines', async (route) => {
      const body = JSON.parse(route.request().postData() ?? '{}') as { firstLineNo: number; lines: string[] };
      calls.push({ firstLineNo: body.firstLineNo, lines: body.lines.length });
      await new Promise((r) => setTimeout(r, 400));
      await route.continue();
    });

    await go(page, '/opinions/requests/new');
    await page.getByLabel('来函标题').fill('关于征求250名同志党风廉政情况意见的函');
    await pickOption(page, page.getByLabel('用途'), '职级晋升');
    await page.getByLabel('粘贴人员名单').fill(names.map((n) => `${n}\t县财政局\t科员`).join('\n'));
    await page.getByRole('button', { name: '核对名单' }).click();
    await expect(page.getByTestId('match-progress')).toBeVisible();
    await expect(page.getByTestId('match-progress')).toContainText('/250行');
    await expect(page.getByTestId('lines-todo')).toContainText('全部250人已匹配');
    await expect(page.getByTestId('match-progress')).toBeHidden();
    expect(calls).toEqual([
      { firstLineNo: 1, lines: 100 },
      { firstLineNo: 101, lines: 100 },
      { firstLineNo: 201, lines: 50 },
    ]);
    // 50 lines a page.
    const lines = page.getByTestId('person-lines');
    await expect(lines.locator('tr.ant-table-row')).toHaveCount(50);

    // A file: header row, one new name, one already on the list (a duplicate).
    const csv = `序号,姓名,单位,职务\n1,钱多多,县财政局,科长\n2,${names[0]},县财政局,科员\n`;
    await button(page, '导入表格文件').click();
    const dialog = page.getByRole('dialog', { name: '导入来函人员名单' });
    await dialog.locator('input[type=file]').setInputFiles({ name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await expect(dialog.getByTestId('import-counts')).toContainText('已有 2');
    await dialog.getByRole('button', { name: /加入名单（2人）/ }).click();
    await expect(page.getByTestId('lines-todo')).toContainText('还有1行待处理');
    await lines.locator('.ant-segmented-item').filter({ hasText: '待处理' }).click();
    await expect(lines.locator('tr.ant-table-row')).toHaveCount(1);
    const dup = lines.locator('tr.ant-table-row').first();
    await expect(dup.getByTestId('line-state')).toHaveText('重复');
    await expect(dup).toContainText('与第1人是同一人');
    await expect(button(page, '保存')).toBeDisabled();
    await button(dup, '移除').click();
    await expect(page.getByTestId('lines-todo')).toContainText('全部251人已匹配');

    await button(page, '保存').click();
    await expect(page.getByRole('heading', { name: '关于征求250名同志党风廉政情况意见的函' })).toBeVisible();
    await expect(page.getByTestId('request-info')).toContainText('251人');

    // 拟办回复 of 251 persons: a progress indicator while it runs, then a paged table.
    await page.route('**/api/opinionReplies.create', async (route) => {
      await new Promise((r) => setTimeout(r, 800));
      await route.continue();
    });
    await button(page, '拟办回复').click();
    await expect(page.getByTestId('draft-progress')).toBeVisible();
    await expect(page.getByTestId('draft-progress')).toContainText('正在核查251人');
    const reply = page.getByTestId('reply-view');
    await expect(reply).toBeVisible();
    await expect(page.getByTestId('count-clear')).toContainText('251人');
    await expect(reply.locator('tr.ant-table-row')).toHaveCount(50);
    await expect(reply.getByText('共 251 人')).toBeVisible();
    await reply.locator('.ant-pagination-item-6').click();
    await expect(reply.locator('tr.ant-table-row')).toHaveCount(1);
    await expect(item(reply, '钱多多').getByLabel('钱多多的意见')).toHaveValue('未发现影响提拔使用的问题。');
  });

  test('角色：承办人看不到审核、签发；审核人可审核和登记核查，但不能改意见', async ({ page, app }) => {
    const { ids } = await seed(app);
    await app.invoke('opinionSettings.update', { dueWorkingDays: 3, checkSections: ['信访室'], holidays: [], workingWeekendDays: [] });
    await app.invoke('users.create', { username: 'clerk', displayName: '李承办', password: 'Clerk2025', roles: ['handler'] });
    await app.invoke('users.create', { username: 'chief', displayName: '赵审核', password: 'Chief2025', roles: ['reviewer'] });
    const request = await app.invoke('opinionRequests.create', {
      requester: '市委组织部',
      title: '关于征求张三同志意见的函',
      receivedDate: addDays(today, -1),
      purpose: '评先评优',
      persons: [{ personId: ids['张三']! }],
    });

    await login(page, app, { username: 'clerk', password: 'Clerk2025', displayName: '李承办' });
    await go(page, `/opinions/requests/${request.id}`);
    // The letter's details can be corrected before the reply is issued.
    await page.getByRole('button', { name: '修改来函信息' }).click();
    const edit = page.getByRole('dialog', { name: '修改来函信息' });
    await edit.getByLabel('来函文号').fill('市组干函〔2026〕30号');
    await button(edit, '保存').click();
    await expect(edit).toBeHidden();
    await expect(page.getByTestId('request-info')).toContainText('市组干函〔2026〕30号');
    await button(page, '拟办回复').click();
    const reply = page.getByTestId('reply-view');
    await expect(reply).toHaveAttribute('data-status', 'draft');
    await expect(item(reply, '张三').getByLabel('张三的意见')).toHaveValue('暂未发现违反廉洁纪律问题。');
    await expect(button(reply, '审核通过')).toHaveCount(0);
    await expect(button(reply, '签发')).toHaveCount(0);
    await expect(button(reply, '作废')).toHaveCount(0);
    const check = page.getByTestId('check-信访室');
    await check.getByLabel('信访室核查人').fill('孙信访');
    await check.getByRole('button', { name: '登记核查' }).click();
    await expect(check).toContainText('核查人：孙信访');
    await page.getByRole('button', { name: '退出登录' }).click();

    await login(page, app, { username: 'chief', password: 'Chief2025', displayName: '赵审核' });
    await go(page, `/opinions/requests/${request.id}`);
    await expect(reply).toHaveAttribute('data-status', 'draft');
    // A reviewer may not change opinions: no edit controls in the table.
    await expect(reply.locator('textarea')).toHaveCount(0);
    await expect(reply.locator('.ant-table .ant-select')).toHaveCount(0);
    await button(reply, '审核通过').click();
    await expect(reply).toHaveAttribute('data-status', 'reviewed');
    await expect(button(reply, '退回承办')).toBeVisible();
    await expect(button(reply, '签发')).toHaveCount(0);
  });

  test('设置：办理时限、核查科室、节假日和调休（管理员修改）；影响期规则表', async ({ page, app }) => {
    await app.initialize();
    await login(page, app);
    await page.getByRole('menuitem', { name: '设置' }).click();
    const card = page.getByTestId('opinion-settings');
    await expect(card.getByLabel('办理时限（工作日）')).toHaveValue('3');
    await expect(card.getByLabel('核查科室1')).toHaveValue('信访室');
    // A number past the range, then 保存 at once: said on the field, not turned into 60 and saved.
    await card.getByLabel('办理时限（工作日）').fill('120');
    await card.getByRole('button', { name: '保存廉政意见回复设置' }).click();
    await expect(card.getByText('“办理时限”应为1到60之间的整数')).toBeVisible();
    await expect(card.getByLabel('办理时限（工作日）')).toHaveValue('120');
    expect((await app.invoke('opinionSettings.get', {})).dueWorkingDays).toBe(3);
    await card.getByLabel('办理时限（工作日）').fill('5');
    await card.getByRole('button', { name: '添加科室' }).click();
    await card.getByLabel('核查科室4').fill('党风政风监督室');
    await card.getByLabel('节假日（不上班的日期）').fill('2026-10-01~2026-10-07\n2026年1月1日\n2026-02-30');
    await card.getByLabel('调休上班的周末').fill('2026-09-27');
    await card.getByRole('button', { name: '保存廉政意见回复设置' }).click();
    await expect(card.getByText('“2026-02-30”不是有效日期')).toBeVisible();
    expect((await app.invoke('opinionSettings.get', {})).dueWorkingDays).toBe(3);

    await card.getByLabel('节假日（不上班的日期）').fill('2026-10-01~2026-10-07\n2026年1月1日');
    await card.getByRole('button', { name: '保存廉政意见回复设置' }).click();
    await expect(page.getByText('廉政意见回复设置已保存')).toBeVisible();
    const saved = await app.invoke('opinionSettings.get', {});
    expect(saved).toEqual({
      dueWorkingDays: 5,
      checkSections: ['信访室', '案管室', '审理室', '党风政风监督室'],
      holidays: ['2026-01-01', '2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
      workingWeekendDays: ['2026-09-27'],
    });
    // Shown back sorted, runs as ranges.
    await expect(card.getByLabel('节假日（不上班的日期）')).toHaveValue('2026-01-01\n2026-10-01~2026-10-07');

    const rules = page.getByTestId('impact-rules');
    await expect(rules).toContainText('2026.1');
    await expect(rules).toContainText('现行');
    const jiguo = rules.locator('tr.ant-table-row').filter({ hasText: '政务处分' }).filter({ hasText: '记过' }).first();
    await expect(jiguo).toContainText('处分期十二个月内不得晋升职务、职级、衔级和级别');
    await expect(jiguo).toContainText('政务处分法》第八条、第十九条');
    await expect(rules.locator('tr.ant-table-row').filter({ hasText: '留党察看' })).toContainText('察看期内及恢复党员权利后二年内');
    expect(await latinWords(card)).toEqual([]);
    expect(await latinWords(rules)).toEqual([]);
  });

  test('调整影响期：须填写理由，计算结果与调整结果同时显示', async ({ page, app }) => {
    const { ids } = await seed(app);
    const effective = addDays(today, -30);
    await app.invoke('sanctions.create', {
      personId: ids['李四']!,
      category: 'party',
      type: '警告',
      decisionAuthority: '县纪委',
      decisionDate: effective,
      effectiveDate: effective,
    });
    await login(page, app);
    await go(page, `/people/${ids['李四']}`);
    const r = page.locator('tr.ant-table-row').filter({ hasText: '党纪处分·警告' });
    const computed = periodLastDay(effective, 12);
    await expect(r.getByTestId('promotion-end')).toContainText(chineseDate(computed));
    await button(r, '调整').click();
    const dialog = page.getByRole('dialog', { name: /调整影响期/ });
    await expect(dialog.getByTestId('override-computed')).toHaveText(chineseDate(computed));
    const adjusted = addDays(today, -1);
    await fillDate(dialog.getByLabel('影响期截止日（最后一日）'), adjusted);
    await button(dialog, '保存').click();
    await expect(dialog.getByText('调整影响期须填写理由')).toBeVisible();
    await dialog.getByLabel('调整理由').fill('经县纪委常委会研究，提前结束');
    await button(dialog, '保存').click();
    await expect(dialog).toBeHidden();
    await expect(r.getByTestId('promotion-end')).toContainText(chineseDate(adjusted));
    await expect(r.getByTestId('promotion-end')).toContainText('已调整');
    await expect(r.getByTestId('promotion-end')).toContainText(`计算结果：${chineseDate(computed)}`);
    await expect(r.getByTestId('promotion-end')).toContainText('已期满');
  });

  test('错误输入：没有人员的来函不能保存；生效日期早于决定日期的处分不能保存', async ({ page, app }) => {
    const { ids } = await seed(app);
    await login(page, app);

    await go(page, '/opinions/requests/new');
    await expect(page.getByRole('heading', { name: '登记来函' })).toBeVisible();
    await page.getByLabel('来函标题').fill('关于征求意见的函');
    await pickOption(page, page.getByLabel('用途'), '评先评优');
    await button(page, '保存').click();
    await expect(page.getByText('征求意见函至少要有一名人员')).toBeVisible();
    await expect(page).toHaveURL(/opinions\/requests\/new/);
    expect(app.count('SELECT count(*) AS n FROM opinion_requests')).toBe(0);

    // Leaving asks first (something was typed).
    await page.getByRole('button', { name: '返回列表' }).click();
    await confirmDialog(page, '放弃登记这份来函？', '放弃并离开');
    await expect(page.getByRole('heading', { name: '征求意见' })).toBeVisible();

    await go(page, `/people/${ids['张三']}`);
    await page.getByRole('button', { name: '登记处分/处理' }).click();
    const drawer = page.getByRole('dialog', { name: /登记处分\/处理/ });
    await pickOption(page, drawer.getByLabel('处分类别'), '政务处分');
    await pickOption(page, drawer.getByLabel('处分种类'), '记过');
    await drawer.getByLabel('决定机关').fill('县监委');
    await fillDate(drawer.getByLabel('决定日期'), '2025-03-10');
    await fillDate(drawer.getByLabel('生效日期'), '2025-03-01');
    await button(drawer, '保存').click();
    await expect(drawer.getByText('生效日期不能早于决定日期')).toBeVisible();
    await expect(drawer.getByRole('alert')).toContainText('请按提示修改标红的项目后再保存');
    await expect(drawer).toBeVisible();
    expect(app.count('SELECT count(*) AS n FROM sanctions')).toBe(0);

    // Corrected, it saves.
    await fillDate(drawer.getByLabel('生效日期'), '2025-03-15');
    await button(drawer, '保存').click();
    await expect(drawer).toBeHidden();
    expect(app.count('SELECT count(*) AS n FROM sanctions')).toBe(1);
  });
});
