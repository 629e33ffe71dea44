/**
 * Issue 10 §1–2 end to end, through the UI, the web host, a real SQLite file and Chromium:
 * an issued 复函 reprints byte for byte after the person and the issuing authority are
 * edited (the detail page says what differs, the letter does not change), and a reply
 * whose request purpose changed after 审核 cannot be signed: the signer sees why, in Chinese.
 */
import fs from 'node:fs';
import { createHash } from 'node:crypto';
import type { Page } from '@playwright/test';
import { closeSharedPdfRenderer } from '../core/print/pdf';
import { measurePdf } from '../core/print/testing/pdfMeasure';
import { expect, login, OFFICE, test, type TestApp } from './support/fixtures';
import { confirmDialog } from './support/ui';

const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);

async function go(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => {
    window.location.hash = `#${p}`;
  }, path);
}

test.afterAll(async () => {
  await closeSharedPdfRenderer();
});

async function reviewedReply(app: TestApp) {
  await app.invoke('opinionSettings.update', { dueWorkingDays: 3, checkSections: [], holidays: [], workingWeekendDays: [] });
  const unit = await app.unit('县财政局');
  const zhang = await app.person({ name: '张三', unitId: unit, position: '科长' });
  const li = await app.person({ name: '李四', unitId: unit, position: '副科长' });
  const request = await app.invoke('opinionRequests.create', {
    requester: '中共某某县委组织部',
    requesterDocNumber: '某组函〔2025〕21号',
    title: '关于征求张三等同志党风廉政意见的函',
    receivedDate: '2025-06-30',
    purpose: '提拔',
    persons: [{ personId: zhang }, { personId: li }],
  });
  const draft = await app.invoke('opinionReplies.create', { requestId: request.id, replyDate: '2025-07-01' });
  const reviewed = await app.invoke('opinionReplies.review', { id: draft.id, rev: draft.rev, contentHash: draft.contentHash });
  return { request, reviewed, zhang };
}

/** 打印/预览 → 保存PDF on the reply page; the downloaded bytes. */
async function savePdf(page: Page): Promise<Buffer> {
  await page.getByRole('button', { name: '打印/预览' }).click();
  await expect(page.getByRole('heading', { name: '打印复函' })).toBeVisible();
  // the preview inlines the fonts: on a busy machine this takes a while
  await expect(page.frameLocator('[data-testid="letter-frame"]').locator('section.page').first()).toBeVisible({ timeout: 60_000 });
  // Chromium starts on the first PDF: wait for the app's answer, however long a busy machine takes.
  const downloading = page.waitForEvent('download', { timeout: 120_000 });
  await page.getByRole('button', { name: label('保存PDF') }).click();
  const download = await downloading;
  await expect(page.getByText(/已生成“.*”，共\d+页/)).toBeVisible();
  return fs.readFileSync(await download.path());
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const textOf = async (b: Buffer) => (await measurePdf(new Uint8Array(b))).map((p) => p.text.replace(/\s/g, '')).join('');

test('签发后修改人员和发文机关：复函重印的PDF逐字节相同，详情页提示现有记录的不同', async ({ page, app }) => {
  test.setTimeout(180_000);
  await app.initialize();
  const { request, reviewed, zhang } = await reviewedReply(app);
  await login(page, app);
  await go(page, `/opinions/requests/${request.id}?reply=${reviewed.id}`);

  // 签发 in the UI: the dialog shows both dates
  await page.getByRole('button', { name: label('签发') }).click();
  const dates = page.getByTestId('issue-dates');
  await expect(dates).toContainText('核查截至：2025年7月1日');
  await expect(dates).toContainText('经查阅截至2025年7月1日的');
  await confirmDialog(page, '签发后将分配文号且不能再修改', label('签发'));
  await expect(page.getByTestId('reply-doc-number')).toHaveText(/^某纪廉复〔\d{4}〕1号$/);
  await expect(page.getByTestId('issued-document-note')).toContainText('签发时原样存档');

  const first = await savePdf(page);
  const firstText = await textOf(first);
  expect(firstText).toContain('张三（县财政局科长）');
  expect(firstText).toContain(OFFICE);

  // the person moves and is renamed; the authority is renamed
  const p = await app.invoke('people.get', { id: zhang });
  const edu = await app.unit('县教育局');
  await app.invoke('people.update', { id: p.id, rev: p.rev, name: '张三丰', unitId: edu, position: '局长' });
  await app.invoke('settings.update', {
    authorityName: '某某县纪委监委（更名）',
    docPrefixes: { opinionReply: '某纪廉复', reminderLetter: '某纪廉提' },
  });

  await go(page, `/opinions/requests/${request.id}?reply=${reviewed.id}`);
  const differences = page.getByTestId('issued-differences');
  await expect(differences).toContainText('发文机关名称：存档公文为“某某县纪委监委”，现有记录为“某某县纪委监委（更名）”');
  await expect(differences).toContainText('单位职务：存档公文为“县财政局科长”，现有记录为“县教育局局长”');
  await page.getByRole('button', { name: '显示校验值' }).click();
  await expect(page.getByTestId('issued-pdf-sha256')).toHaveText(sha256(first));

  const again = await savePdf(page);
  expect(sha256(again)).toBe(sha256(first));
  expect(await textOf(again)).toBe(firstText);
  // the preview is laid out from the stored copy too
  const frame = page.frameLocator('[data-testid="letter-frame"]');
  await expect(frame.locator('body')).toContainText('张三（县财政局科长）');
  await expect(frame.locator('body')).not.toContainText('张三丰');
});

test('审核后来函用途被改为评先评优：签发被拒绝并说明原因，回复退回待审核', async ({ page, app }) => {
  await app.initialize();
  const { request, reviewed } = await reviewedReply(app);
  await login(page, app);
  await go(page, `/opinions/requests/${request.id}?reply=${reviewed.id}`);
  await expect(page.getByTestId('reply-view')).toHaveAttribute('data-status', 'reviewed');

  // meanwhile another clerk changes the request's purpose (the signer's page still shows the reviewed reply)
  const r = await app.invoke('opinionRequests.get', { id: request.id });
  await app.invoke('opinionRequests.update', { ...r, purpose: '评先评优' });

  await page.getByRole('button', { name: label('签发') }).click();
  await confirmDialog(page, '签发后将分配文号且不能再修改', label('签发'));
  const refused = page.locator('.ant-modal-confirm').filter({ hasText: '签发未完成' });
  await expect(refused).toContainText('不能签发：审核后来函用途由“提拔”改为“评先评优”');
  await expect(refused).toContainText('须重新审核');
  await refused.getByRole('button', { name: '知道了' }).click();
  expect(app.count('SELECT count(*) AS n FROM opinion_replies WHERE doc_number IS NOT NULL')).toBe(0);

  await go(page, `/opinions/requests/${request.id}`);
  await expect(page.getByText('修改来函信息')).toBeVisible();
  await go(page, `/opinions/requests/${request.id}?reply=${reviewed.id}`);
  await expect(page.getByTestId('reply-view')).toHaveAttribute('data-status', 'draft');
  await expect(page.getByTestId('review-reset')).toContainText('已退回待审核：审核后来函用途由“提拔”改为“评先评优”');
});
