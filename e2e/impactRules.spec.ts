/**
 * Issue 11 end to end: a 评先评优 request for a person inside a party impact period whose
 * year of effect is over (the case the old rules cleared with "影响期已满") gets 影响期内,
 * the sentence in the reply and in the printed letter is true, and the findings record the
 * office's 评先评优 reading. Then 设置 › 影响期规则: the rule table with its articles and
 * 单位惯例, and the reading changed by an administrator after a confirmation.
 */
import type { Locator, Page } from '@playwright/test';
import { addMonths, periodLastDay } from '../core/sanctions/periodMath';
import { chineseDate, localIsoDate } from '../core/shared/dates';
import { expect, login, test } from './support/fixtures';
import { confirmDialog } from './support/ui';

const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);
const button = (scope: Page | Locator, text: string) => scope.getByRole('button', { name: label(text) });

async function go(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => {
    window.location.hash = `#${p}`;
  }, path);
}

const today = localIsoDate(new Date());

test.describe('影响期规则：评先评优', () => {
  test.describe.configure({ timeout: 180_000 });

  test('评先评优来函：严重警告生效当年已过但影响期未满，建议“影响期内”，复函所写属实', async ({ page, app }) => {
    await app.initialize();
    await app.invoke('opinionSettings.update', { dueWorkingDays: 3, checkSections: [], holidays: [], workingWeekendDays: [] });
    const unit = await app.unit('县财政局');
    const personId = await app.person({ name: '钱一', unitId: unit, position: '科长', politicalStatus: '中共党员' });
    // 13 months ago: always in an earlier calendar year, still inside the 18-month period.
    const effective = addMonths(today, -13);
    const lastDay = periodLastDay(effective, 18);
    await app.invoke('sanctions.create', {
      personId,
      category: 'party',
      type: '严重警告',
      decisionAuthority: '县纪委',
      decisionDate: effective,
      effectiveDate: effective,
    });
    const request = await app.invoke('opinionRequests.create', {
      requester: '中共某某县委组织部',
      requesterDocNumber: '某组函〔2026〕88号',
      title: '关于推荐先进工作者征求意见的函',
      receivedDate: today,
      purpose: '评先评优',
      persons: [{ personId }],
    });
    const expected = `该同志于${chineseDate(effective)}受到党内严重警告处分，处于影响期内（至${chineseDate(lastDay)}），按本单位规定，影响期内不得评先评优，不宜评先评优。`;

    await login(page, app);
    await go(page, `/opinions/requests/${request.id}`);
    await button(page, '拟办回复').click();
    const reply = page.getByTestId('reply-view');
    await expect(reply).toHaveAttribute('data-status', 'draft');
    const row = reply.locator('tr.ant-table-row').filter({ hasText: '钱一' });
    await expect(row.locator('[data-category]').first()).toHaveText('影响期内');
    await expect(row.getByLabel('钱一的意见')).toHaveValue(expected);
    await row.locator('.ant-table-row-expand-icon').click();
    const findings = reply.getByTestId('findings');
    await expect(findings).toContainText('党纪处分·严重警告');
    await expect(findings).toContainText('评先评优口径：处分（处理）影响期内均不得评先评优');
    await expect(findings).toContainText('规则2026.1');

    // Issued (through the contract: the workflow has its own tests), then printed.
    const replies = await app.invoke('opinionReplies.list', {});
    const draft = await app.invoke('opinionReplies.get', { id: replies.items[0]!.id });
    const reviewed = await app.invoke('opinionReplies.review', { id: draft.id, rev: draft.rev });
    const issued = await app.invoke('opinionReplies.issue', { id: reviewed.id, rev: reviewed.rev, reviewedHash: reviewed.reviewedHash! });
    // Leave the page and come back: it mounts afresh and reads the issued reply.
    await page.getByRole('menuitem', { name: '人员库' }).click();
    await expect(page.getByRole('heading', { name: '人员库' })).toBeVisible();
    await go(page, `/opinions/requests/${request.id}?reply=${issued.id}`);
    await expect(page.getByTestId('reply-view')).toHaveAttribute('data-status', 'issued');
    await expect(page.getByTestId('reply-view')).toContainText(issued.docNumber!);
    await page.getByRole('button', { name: '打印/预览' }).click();
    await expect(page.getByRole('heading', { name: '打印复函' })).toBeVisible();
    const frame = page.frameLocator('[data-testid="letter-frame"]');
    await expect(frame.locator('section.page').first()).toBeVisible();
    const letter = frame.locator('body');
    const text = (await letter.innerText()).replace(/\s/g, '');
    expect(text).toContain(expected);
    expect(text).not.toContain('已满');
  });

  test('设置：影响期规则逐条注明依据，单位惯例另行标注；管理员确认后修改评先评优口径，档案显示重算历史', async ({ page, app }) => {
    await app.initialize();
    const unit = await app.unit('县教育局');
    const personId = await app.person({ name: '孙二', unitId: unit, position: '科长', politicalStatus: '中共党员' });
    await app.invoke('sanctions.create', {
      personId,
      category: 'organizational',
      type: '免职',
      decisionAuthority: '县委',
      decisionDate: '2025-01-01',
      effectiveDate: '2025-01-01',
    });
    await login(page, app);
    await page.getByRole('menuitem', { name: '设置' }).click();
    const rules = page.getByTestId('impact-rules');
    await expect(rules).toContainText('2026.1');
    await expect(rules).toContainText('现行');
    const warning = rules.locator('tr.ant-table-row').filter({ hasText: '严重警告' });
    await expect(warning).toContainText('一年半内不得在党内提拔职务或者进一步使用');
    await expect(warning).toContainText('《中国共产党纪律处分条例》（2023年修订）第十条');
    const dismissal = rules.locator('tr.ant-table-row').filter({ hasText: '免职' }).first();
    await expect(dismissal).toContainText('一年内不安排领导职务');
    await expect(dismissal).toContainText('二年内不得担任高于原任职务层次的职务');
    await expect(dismissal).toContainText('单位惯例');
    await expect(rules.locator('tr.ant-table-row').filter({ hasText: '停职检查' })).toContainText('不是影响期');
    await expect(rules).toContainText('第二十一条');

    const reading = page.getByTestId('commendation-reading');
    await expect(reading.getByRole('radio', { name: /影响期内均不得评先评优/ })).toBeChecked();
    await reading.getByRole('radio', { name: /按年度考核等次规定/ }).check();
    await reading.getByRole('button', { name: '保存口径' }).click();
    await confirmDialog(page, '修改评先评优执行口径', '确定修改');
    await expect(page.getByText('评先评优执行口径已保存，影响期已重新计算')).toBeVisible();
    expect(await app.invoke('impactSettings.get', {})).toEqual({ commendationReading: 'annualGrading' });
    // Leave 设置 and come back: the card mounts afresh and reads the stored setting.
    await page.getByRole('menuitem', { name: '人员库' }).click();
    await expect(page.getByRole('heading', { name: '人员库' })).toBeVisible();
    await page.getByRole('menuitem', { name: '设置' }).click();
    await expect(page.getByTestId('commendation-reading').getByRole('radio', { name: /按年度考核等次规定/ })).toBeChecked();

    // The dossier: each end says which rule version computed it; the popover lists both bars and the recompute.
    await go(page, `/people/${personId}`);
    const row = page.locator('tr.ant-table-row').filter({ hasText: '组织处理·免职' });
    await expect(row.getByTestId('promotion-end')).toContainText('2026年12月31日');
    await expect(row.getByTestId('promotion-end')).toContainText('按规则2026.1计算');
    await expect(row.getByTestId('commendation-end')).toContainText('2025年12月31日');
    await row.getByRole('button', { name: '计算过程' }).click();
    const steps = page.getByTestId('impact-steps');
    await expect(steps).toContainText('一年内不安排领导职务：至2025年12月31日');
    await expect(steps).toContainText('二年内不得担任高于原任职务层次的职务：至2026年12月31日');
    await expect(page.getByTestId('impact-history')).toContainText('评先评优口径变更后重算');
    await expect(page.getByTestId('impact-history')).toContainText('2026年12月31日→2025年12月31日');
  });
});
