/**
 * A clerk's whole day (issue 16): first-run setup → units and people (a unit found by its
 * 简称) → a sanction (typed dates, saved at once) and a pending matter → a 50-person
 * pasted request (2 same-name, 3 unknown) → proposals → the sections' checks → review →
 * issue → the PDF saved. Written as a clerk works: visible Chinese labels, fill then click.
 *
 * Every click, fill and key press from the paste to the saved PDF is counted. Creating the
 * 3 unknown persons is data entry (it adds them to 人员库) and counted apart. The counts and
 * the time are printed and attached to the test result.
 */
import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { addDays, chineseDate, localIsoDate } from '../core/shared/dates';
import { ADMIN, OFFICE, expect as baseExpect, test, type TestApp } from './support/fixtures';
import { confirmDialog, openSettledDropdown, pickOption } from './support/ui';

const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);
const button = (scope: Page | Locator, text: string) => scope.getByRole('button', { name: label(text) });
const today = localIsoDate(new Date());

/** Counts what the clerk does. */
class Clerk {
  actions = 0;
  dataEntry = 0;
  counting: 'actions' | 'dataEntry' | null = null;
  private add(n = 1) {
    if (this.counting) this[this.counting] += n;
  }
  async click(target: Locator) {
    this.add();
    await target.click();
  }
  async fill(target: Locator, text: string) {
    this.add();
    await target.fill(text);
  }
  /** Opening a select and choosing: two actions. */
  async pick(page: Page, select: Locator, text: string) {
    this.add(2);
    await pickOption(page, select, text);
  }
}

const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施';
const GIVEN = '建国海燕志强秀英德明丽华文军春梅国庆玉兰';

async function seedPeople(app: TestApp, units: Record<string, string>) {
  const names: { name: string; unit: string; position: string }[] = [];
  const unitNames = Object.keys(units);
  for (let i = 0; i < 44; i++) {
    const name = `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 2) % GIVEN.length]}${GIVEN[(i * 2 + 1) % GIVEN.length]}${i < 22 ? '' : '华'}`;
    const unit = unitNames[i % unitNames.length]!;
    names.push({ name, unit, position: i % 3 ? '科员' : '科长' });
    await app.person({ name, unitId: units[unit]!, position: i % 3 ? '科员' : '科长', birthMonth: `19${70 + (i % 25)}-0${1 + (i % 9)}` });
  }
  // Two 张伟 (same name, told apart by unit, position and birth month).
  await app.person({ name: '张伟', unitId: units['县财政局']!, position: '科员', birthMonth: '1985-03' });
  await app.person({ name: '张伟', unitId: units['东湖镇']!, position: '干事', birthMonth: '1979-11' });
  return names;
}

test.describe('办事员的一天', () => {
  test.describe.configure({ timeout: 600_000 });
  // 50 lines matched and a 50-person reply laid out: on a shared 2-core machine one step
  // can hold the page longer than the default 10 seconds. Still waits on the app's signals.
  test.use({ actionTimeout: 60_000 });
  const expect = baseExpect.configure({ timeout: 60_000 });

  test('设置 → 单位人员 → 处分和在查事项 → 粘贴50人来函（2同名、3查无此人）→ 拟办 → 科室核查 → 审核 → 签发 → 保存PDF', async ({
    page,
    app,
  }, testInfo) => {
    const clerk = new Clerk();

    // ---- First-run setup, through the form.
    await page.goto(app.url);
    // The first load of the app on a busy machine can take a while: wait for the form itself.
    await expect(page.getByRole('heading', { name: '清廉台账 · 首次设置' })).toBeVisible({ timeout: 60_000 });
    await page.getByLabel('发文机关名称').fill(OFFICE);
    await page.getByLabel('廉政意见回复代字').fill('某纪廉复');
    await page.getByLabel('廉洁提醒函代字').fill('某纪廉提');
    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('姓名').fill(ADMIN.displayName);
    await page.getByLabel('密码', { exact: true }).fill(ADMIN.password);
    await page.getByLabel('再次输入密码').fill(ADMIN.password);
    await page.getByRole('button', { name: '完成设置' }).click();
    await expect(page.getByRole('button', { name: /^登\s*录$/ })).toBeVisible();
    await page.getByLabel('用户名').fill(ADMIN.username);
    await page.getByLabel('密码').fill(ADMIN.password);
    await page.getByLabel('密码').press('Enter');
    await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
    // The contract for the bulk of the register (typing 46 people is not what this test is about).
    await app.signIn();

    // ---- Units and people.
    const units: Record<string, string> = {};
    for (const name of ['县财政局', '县教育局', '东湖镇']) units[name] = await app.unit(name);
    units['县发展和改革局'] = (await app.invoke('units.create', { name: '县发展和改革局', shortName: '县发改局', parentId: null })).id;
    const people = await seedPeople(app, units);
    // One person through the form: the unit is found by typing part of its 简称.
    await page.getByRole('menuitem', { name: '人员库' }).click();
    await button(page, '新增人员').click();
    const personDialog = page.getByRole('dialog', { name: '新增人员' });
    await expect(personDialog.getByLabel('姓名')).toBeFocused();
    await personDialog.getByLabel('姓名').fill('欧阳明');
    await personDialog.getByLabel('出生年月').fill('1981-04');
    const unitPicker = personDialog.getByLabel('单位');
    await openSettledDropdown(page, unitPicker);
    await page.keyboard.insertText('发改');
    await page
      .locator('.ant-select-tree-title')
      .filter({ hasText: /^县发展和改革局$/ })
      .click();
    await personDialog.getByLabel('职务', { exact: true }).fill('副局长');
    await button(personDialog, '保存').click();
    await expect(personDialog).toBeHidden();
    await expect(page.locator('.ant-table-row').filter({ hasText: '欧阳明' })).toContainText('县发展和改革局');
    people.push({ name: '欧阳明', unit: '县发展和改革局', position: '副局长' });

    // ---- A sanction for 欧阳明 (typed dates, 保存 at once) and a pending matter for the first person.
    await page.locator('.ant-table-row').filter({ hasText: '欧阳明' }).getByRole('link', { name: '欧阳明' }).click();
    await page.getByRole('button', { name: '登记处分/处理' }).click();
    const drawer = page.getByRole('dialog', { name: /登记处分\/处理/ });
    await pickOption(page, drawer.getByLabel('处分类别'), '政务处分');
    await pickOption(page, drawer.getByLabel('处分种类'), '记过');
    await drawer.getByLabel('决定机关').fill('县监委');
    await drawer.getByLabel('决定日期').fill(addDays(today, -35));
    await drawer.getByLabel('生效日期').fill(addDays(today, -30));
    await button(drawer, '保存').click();
    await expect(drawer).toBeHidden();
    const pendingPerson = (await app.invoke('people.list', { query: people[0]!.name, page: 1, pageSize: 5 })).items[0]!;
    await app.invoke('pendingMatters.create', {
      personId: pendingPerson.id,
      kind: 'petition',
      receivedDate: addDays(today, -10),
      summary: '反映违规收受礼金',
    });
    // Yesterday's reply was checked by these three: their names come back prefilled.
    const oldRequest = await app.invoke('opinionRequests.create', {
      requester: '县委组织部',
      title: '昨天的函',
      receivedDate: addDays(today, -1),
      purpose: '提拔',
      persons: [{ personId: pendingPerson.id }],
    });
    const oldReply = await app.invoke('opinionReplies.create', { requestId: oldRequest.id, replyDate: addDays(today, -1) });
    await app.invoke('opinionReplies.recordChecks', {
      replyId: oldReply.id,
      checks: [
        { section: '信访室', checker: '李信访', checkedOn: addDays(today, -1) },
        { section: '案管室', checker: '周案管', checkedOn: addDays(today, -1) },
        { section: '审理室', checker: '吴审理', checkedOn: addDays(today, -1) },
      ],
    });

    // ---- The request: 45 known (欧阳明 among them), 2 张伟 without a unit, 3 unknown.
    const known = people.slice(0, 44).concat(people.filter((p) => p.name === '欧阳明'));
    const paste = [
      '序号\t姓名\t单位\t职务',
      ...known.map((p, i) => `${i + 1}\t${p.name}\t${p.unit}\t${p.position}`),
      '46\t张伟\t\t',
      '47\t张伟\t\t',
      '48\t新同志甲\t县财政局\t科员',
      '49\t新同志乙\t县教育局\t科员',
      '50\t新同志丙\t东湖镇\t干事',
    ].join('\n');

    await page.getByRole('menuitem', { name: '征求意见' }).click();
    await button(page, '登记来函').click();
    clerk.counting = 'dataEntry';
    await clerk.fill(page.getByLabel('来函单位'), '县委组织部');
    await clerk.fill(page.getByLabel('来函标题'), '关于征求欧阳明等50名同志党风廉政情况意见的函');
    await clerk.pick(page, page.getByLabel('用途'), '提拔');

    const started = Date.now();
    clerk.counting = 'actions';
    await clerk.fill(page.getByLabel('粘贴人员名单'), paste);
    await clerk.click(page.getByRole('button', { name: '核对名单' }));
    const lines = page.getByTestId('person-lines');
    await expect(page.getByTestId('lines-todo')).toContainText('还有5行待处理');
    // The two same-name lines: each offers both 张伟 with unit, position and birth month.
    const zhangRows = lines.locator('tr.ant-table-row').filter({ hasText: '同名待选' });
    await expect(zhangRows).toHaveCount(2);
    await expect(zhangRows.first()).toContainText('县财政局\u3000科员\u30001985年3月');
    await expect(zhangRows.first()).toContainText('东湖镇\u3000干事\u30001979年11月');
    await clerk.click(zhangRows.first().getByRole('radio', { name: /县财政局/ }));
    await clerk.click(
      lines
        .locator('tr.ant-table-row')
        .filter({ hasText: '同名待选' })
        .first()
        .getByRole('radio', { name: /东湖镇/ }),
    );
    // Chosen, the pasted lines still say what the letter listed (not “逐个添加”).
    const chosen = lines.locator('tr.ant-table-row').filter({ hasText: '已选定' });
    await expect(chosen).toHaveCount(2);
    await expect(chosen.first()).toContainText('来函未列单位职务');
    await expect(chosen.filter({ hasText: '（逐个添加）' })).toHaveCount(0);

    // The three unknown: created from the line (data entry), the unit prefilled.
    clerk.counting = 'dataEntry';
    for (const name of ['新同志甲', '新同志乙', '新同志丙']) {
      await clerk.click(lines.locator('tr.ant-table-row').filter({ hasText: name }).getByRole('button', { name: '新增人员' }));
      const dialog = page.getByRole('dialog', { name: '新增人员' });
      await expect(dialog.getByLabel('姓名')).toHaveValue(name);
      await clerk.click(button(dialog, '保存'));
      await expect(dialog).toBeHidden();
    }
    clerk.counting = 'actions';
    await expect(page.getByTestId('lines-todo')).toContainText('全部50人已匹配');
    await clerk.click(button(page, '保存'));
    await expect(page.getByRole('heading', { name: '关于征求欧阳明等50名同志党风廉政情况意见的函' })).toBeVisible();

    // ---- Proposals as of today.
    await clerk.click(button(page, '拟办回复'));
    const reply = page.getByTestId('reply-view');
    await expect(reply).toHaveAttribute('data-status', 'draft');
    await expect(page.getByTestId('count-barred')).toContainText('1人');
    await expect(page.getByTestId('count-pending')).toContainText('1人');
    await expect(page.getByTestId('count-clear')).toContainText('48人');

    // ---- The three sections, prefilled with yesterday's checkers, in one step.
    await expect(page.getByLabel('信访室核查人')).toHaveValue('李信访');
    await expect(page.getByLabel('审理室核查人')).toHaveValue('吴审理');
    await clerk.click(page.getByRole('button', { name: '一并登记3个科室的核查' }));
    await expect(page.getByTestId('check-审理室')).toContainText('核查人：吴审理');
    await expect(page.getByTestId('check-信访室')).toContainText(`核查日期：${chineseDate(today)}`);

    // ---- Review, found on the work board.
    await clerk.click(page.getByRole('menuitem', { name: '工作台' }));
    const toReview = page.getByTestId('board-repliesToReview');
    await expect(toReview).toContainText('关于征求欧阳明等50名同志党风廉政情况意见的函');
    await clerk.click(toReview.getByRole('link', { name: '关于征求欧阳明等50名同志党风廉政情况意见的函' }));
    await clerk.click(button(page, '审核通过'));
    await expect(reply).toHaveAttribute('data-status', 'reviewed');

    // ---- Issue.
    await clerk.click(button(page, '签发'));
    clerk.actions++; // the confirmation's 签发
    await confirmDialog(page, '签发这份回复？', label('签发'));
    await expect(reply).toHaveAttribute('data-status', 'issued');
    const docNumber = `某纪廉复〔${new Date().getFullYear()}〕1号`;
    await expect(page.getByTestId('reply-doc-number')).toHaveText(docNumber);

    // ---- The PDF, saved from the reply itself.
    const downloading = page.waitForEvent('download');
    await clerk.click(page.getByRole('button', { name: '保存复函文件' }));
    const download = await downloading;
    await expect(page.getByTestId('pdf-result')).toContainText(/已生成“.*”，共\d+页/);
    const seconds = (Date.now() - started) / 1000;
    clerk.counting = null;
    expect(download.suggestedFilename()).toContain(docNumber);
    const file = await download.path();
    expect(fs.readFileSync(file!).subarray(0, 5).toString()).toBe('%PDF-');

    const note = `从粘贴名单到保存PDF：${clerk.actions}次操作（另有数据录入${clerk.dataEntry}次：来函信息、新增3名人员），用时${seconds.toFixed(1)}秒`;
    console.log(`[办事员的一天] ${note}`);
    testInfo.annotations.push({ type: '操作次数', description: note });
    expect(clerk.actions).toBeLessThanOrEqual(15);

    // The work board has nothing left for this request.
    await page.getByRole('menuitem', { name: '工作台' }).click();
    await expect(page.getByTestId('board-repliesToSign')).not.toContainText('关于征求欧阳明等50名同志');
    await expect(page.getByTestId('board-repliesToReview')).not.toContainText('关于征求欧阳明等50名同志');
  });
});
