/**
 * 工作台 (issue 16 §4): every line of the home page opens the records behind it, clicked
 * as a clerk does — overdue requests and those due this week, replies to draft, review and
 * sign, reminder letters missing receipts past their deadline, pledge campaigns below their
 * target with the missing names, impact periods ending this month, and the last backup.
 * The pledge campaign's 目标签订率 is typed in the form and 保存 clicked at once.
 */
import type { Locator, Page } from '@playwright/test';
import { addDays, chineseDate, localIsoDate, parseDate } from '../core/shared/dates';
import { expect, login, test, type TestApp } from './support/fixtures';
import { confirmDialog, pickOption } from './support/ui';

const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);
const button = (scope: Page | Locator, text: string) => scope.getByRole('button', { name: label(text) });
const today = localIsoDate(new Date());

/** Everything the board lists, put in through the contract as the earlier days' work. */
async function seed(app: TestApp) {
  await app.initialize();
  // One working day to reply, and today a working day even on a weekend (调休), so a letter
  // received yesterday is due today: "this week" whatever day the test runs.
  const weekday = new Date(Date.UTC(parseDate(today).y, parseDate(today).m - 1, parseDate(today).d)).getUTCDay();
  await app.invoke('opinionSettings.update', {
    dueWorkingDays: 1,
    checkSections: ['信访室'],
    holidays: [],
    workingWeekendDays: weekday === 0 || weekday === 6 ? [today] : [],
  });
  const finance = await app.unit('县财政局');
  const people: Record<string, string> = {};
  for (const name of ['张伟', '李娜', '王强', '赵敏'])
    people[name] = await app.person({ name, unitId: finance, birthMonth: '1985-03', position: '科员' });

  const request = (title: string, receivedDate: string, person: string) =>
    app.invoke('opinionRequests.create', {
      requester: '县委组织部',
      requesterDocNumber: null,
      title,
      receivedDate,
      purpose: '提拔',
      notes: null,
      persons: [{ personId: people[person]!, unitText: null, positionText: null }],
    });
  const overdue = await request('关于征求李娜同志意见的函', addDays(today, -30), '李娜');
  await request('关于征求王强同志意见的函', addDays(today, -1), '王强');
  // A reply with its check done waits for review; another, reviewed, waits for the signer.
  const checked = async (title: string) => {
    const r = await request(title, addDays(today, -1), '赵敏');
    const reply = await app.invoke('opinionReplies.create', { requestId: r.id, replyDate: today });
    await app.invoke('opinionReplies.recordCheck', { replyId: reply.id, section: '信访室', checker: '李信访', checkedOn: today });
    return app.invoke('opinionReplies.get', { id: reply.id });
  };
  await checked('关于征求赵敏同志意见的函（待审核）');
  const toSign = await checked('关于征求赵敏同志意见的函（待签发）');
  await app.invoke('opinionReplies.review', { id: toSign.id, rev: toSign.rev, contentHash: toSign.contentHash });

  // An issued work reminder whose feedback was due five days ago, not yet received.
  const { y, m } = parseDate(today);
  const letter = await app.invoke('reminderLetters.create', {
    title: '关于加强公务接待管理的工作提醒函',
    kind: '工作提醒函',
    occasion: '其他',
    year: y,
    letterDate: addDays(today, -20),
    body: '请严格执行公务接待有关规定，并于期限内书面反馈。',
    feedbackDueDate: addDays(today, -5),
    unitIds: [finance],
    personIds: [],
  });
  await app.invoke('reminderLetters.issue', { id: letter.id, rev: letter.rev });

  // 记过 from the 15th of this month last year: its 12 months end on the 14th of this month.
  const effective = `${y - 1}-${String(m).padStart(2, '0')}-15`;
  await app.invoke('sanctions.create', {
    personId: people['张伟']!,
    category: 'government',
    type: '记过',
    decisionAuthority: '县监委',
    decisionDate: addDays(effective, -5),
    effectiveDate: effective,
    summary: '违规发放津贴补贴',
  });
  return { finance, people, overdue };
}

test.describe('工作台', () => {
  test.describe.configure({ timeout: 180_000 });

  test('每一行都能打开背后的记录；承诺批次的目标签订率在表单中填写，未达目标的列出未签人员', async ({ page, app }) => {
    const { finance } = await seed(app);
    await login(page, app, undefined, { stayHome: true });

    // ---- A pledge campaign with a 75% target, typed and saved at once.
    await page.getByRole('menuitem', { name: '承诺书' }).click();
    await button(page, '新建承诺批次').click();
    const dialog = page.getByRole('dialog', { name: '新建承诺批次' });
    await pickOption(page, dialog.getByLabel('承诺书类型'), '领导干部廉政承诺承诺书');
    await dialog.getByLabel('批次名称').fill('领导干部廉政承诺（目标75%）');
    await dialog.getByLabel('目标签订率').fill('120');
    await button(dialog, '保存').click();
    await expect(dialog.getByText('目标签订率应在1%至100%之间')).toBeVisible();
    await dialog.getByLabel('目标签订率').fill('75');
    await button(dialog, '保存').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { name: /领导干部廉政承诺（目标75%）/ })).toBeVisible();
    const campaign = (await app.invoke('pledgeCampaigns.list', {})).items[0]!;
    expect(campaign.targetRate).toBe(75);
    // Four on the roster, two signed: 50%, below the 75% target (3 of 4).
    await app.invoke('pledgeRoster.add', { campaignId: campaign.id, unitIds: [finance] });
    const roster = (await app.invoke('pledgeRoster.list', { campaignId: campaign.id })).items;
    await app.invoke('pledgeRoster.bulkSignoff', {
      campaignId: campaign.id,
      rosterIds: roster.filter((r) => ['张伟', '李娜'].includes(r.person.name)).map((r) => r.id),
      signedDate: today,
    });
    await page.reload();
    await expect(page.getByTestId('target-summary')).toHaveText('目标签订率75%（3人），还差1人');

    const board = async (key: string) => {
      await page.getByRole('menuitem', { name: '工作台' }).click();
      await expect(page.getByRole('heading', { name: '工作台' })).toBeVisible();
      return page.getByTestId(`board-${key}`);
    };
    /** Clicks the record `text` on the line `key` and waits for the page it opens. */
    const open = async (key: string, text: string, landed: Locator | ((p: Page) => Locator)) => {
      const line = await board(key);
      await line.getByRole('link', { name: text }).click();
      await expect(typeof landed === 'function' ? landed(page) : landed).toBeVisible();
    };
    const heading = (name: string | RegExp) => page.getByRole('heading', { name });

    // ---- 已过办理时限 / 本周到期
    const overdueLine = await board('requestsOverdue');
    await expect(overdueLine).toContainText('县委组织部\u3000办理时限');
    await open('requestsOverdue', '关于征求李娜同志意见的函', heading('关于征求李娜同志意见的函'));
    await expect(page.getByText('李娜').first()).toBeVisible();
    const weekLine = await board('requestsDueThisWeek');
    await expect(weekLine).toContainText(`办理时限${chineseDate(today)}`);
    await open('requestsDueThisWeek', '关于征求王强同志意见的函', heading('关于征求王强同志意见的函'));

    // ---- 待我拟办 → the request, ready for 拟办回复
    await open('repliesToDraft', '关于征求李娜同志意见的函', button(page, '拟办回复'));

    // ---- 待我审核 → the reply, with 审核通过; 待我签发 → the reviewed reply, with 签发
    await open('repliesToReview', '关于征求赵敏同志意见的函（待审核）', button(page, '审核通过'));
    await expect(page.getByTestId('reply-view')).toHaveAttribute('data-status', 'draft');
    await open('repliesToSign', '关于征求赵敏同志意见的函（待签发）', button(page, '签发'));
    await expect(page.getByTestId('reply-view')).toHaveAttribute('data-status', 'reviewed');
    // 签发 from here: the dialog shows both dates; its two notes (已签发, 文号) do not pile up.
    await button(page, '签发').click();
    const dates = page.getByTestId('issue-dates');
    await expect(dates).toContainText(`成文日期：${chineseDate(today)}（签发当日）`);
    await expect(dates).toContainText(`核查截至：${chineseDate(today)}。`);
    await confirmDialog(page, '签发这份回复？', label('签发'));
    await expect(page.getByText(/^文号：某纪廉复〔\d{4}〕1号$/)).toBeVisible();
    await expect(page.locator('.ant-message-notice')).toHaveCount(1);

    // ---- 过了期限仍未签收的提醒函 → the letter, where its receipts are recorded
    const reminderLine = await board('remindersMissingReceipts');
    await expect(reminderLine).toContainText('1个未签收：县财政局');
    await open('remindersMissingReceipts', '关于加强公务接待管理的工作提醒函', heading(/关于加强公务接待管理的工作提醒函/));

    // ---- 未达签订目标的承诺书, with the names still missing → the campaign
    const pledgeLine = await board('pledgesIncomplete');
    await expect(pledgeLine).toContainText('未达签订目标的承诺书');
    await expect(pledgeLine).toContainText('已签2/4人，目标75%（3人），还差1人；未签：');
    await expect(pledgeLine).toContainText('王强');
    await expect(pledgeLine).toContainText('赵敏');
    await open('pledgesIncomplete', '领导干部廉政承诺（目标75%）', page.getByTestId('target-summary'));

    // ---- 本月影响期届满 → the person's file
    const ending = `${parseDate(today).y}-${String(parseDate(today).m).padStart(2, '0')}-14`;
    await expect(await board('sanctionsEnding')).toContainText(`记过，影响期至${chineseDate(ending)}`);
    await open('sanctionsEnding', '张伟', heading('人员档案 · 张伟'));

    // ---- The last backup (never, on a new installation) → 备份与恢复
    await board('sanctionsEnding');
    await expect(page.getByTestId('backup-banner')).toContainText('还没有成功备份过');
    await button(page.getByTestId('backup-banner'), '去备份').click();
    await expect(heading('备份与恢复')).toBeVisible();

    // Once signed by a third person the campaign reaches its target and leaves the board.
    const wang = (await app.invoke('pledgeRoster.list', { campaignId: campaign.id, query: '王强' })).items[0]!;
    await app.invoke('pledgeRoster.signoff', { rosterId: wang.id, rev: wang.rev, signed: true, signedDate: today });
    await expect(await board('pledgesIncomplete')).toContainText('暂无');
  });
});
