/**
 * Printing (issue 4) end to end, through the real UI, the web host and a real SQLite
 * file: issue replies for 3 and for 40 persons, open 打印/预览 from the reply, see the
 * pages, save the PDF, and measure the downloaded PDF (GB/T 9704 geometry, names,
 * number, date, no Kangxi radicals). Then a batch of both with progress, and the fonts
 * each role resolved to in 设置.
 */
import fs from 'node:fs';
import type { Download, Locator, Page } from '@playwright/test';
import { closeSharedPdfRenderer } from '../core/print/pdf';
import { assertLetterGeometry, measurePdf } from '../core/print/testing/pdfMeasure';
import { expect, login, test, type TestApp } from './support/fixtures';

const label = (text: string) => new RegExp(`^${[...text].join('\\s*')}$`);
const button = (scope: Page | Locator, text: string) => scope.getByRole('button', { name: label(text) });

async function go(page: Page, path: string): Promise<void> {
  await page.evaluate((p) => {
    window.location.hash = `#${p}`;
  }, path);
}

const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许';
const GIVEN = '伟芳娜敏静丽强磊军洋';
const nameOf = (i: number) => SURNAMES[i % 20]! + GIVEN[Math.floor(i / 20) % 10]! + GIVEN[(i * 3) % 10]!;

/** A request with n persons, replied, reviewed and issued through the contract (the opinions UI has its own tests). */
async function issuedReply(app: TestApp, n: number, docNo: string) {
  await app.invoke('opinionSettings.update', { dueWorkingDays: 3, checkSections: [], holidays: [], workingWeekendDays: [] });
  const unit = await app.unit(`县财政局${docNo}`);
  const persons = [];
  for (let i = 0; i < n; i++)
    persons.push({
      personId: await app.person({ name: nameOf(i), unitId: unit, position: i === 0 ? '<img src=x onerror=alert(1)>' : '科长' }),
    });
  const request = await app.invoke('opinionRequests.create', {
    requester: '中共某某县委组织部',
    requesterDocNumber: `某组函〔2025〕${docNo}号`,
    title: '关于征求有关同志党风廉政意见的函',
    receivedDate: '2025-06-30',
    purpose: '提拔',
    persons,
  });
  const draft = await app.invoke('opinionReplies.create', { requestId: request.id, replyDate: '2025-07-01' });
  const reviewed = await app.invoke('opinionReplies.review', { id: draft.id, rev: draft.rev });
  return app.invoke('opinionReplies.issue', { id: reviewed.id, rev: reviewed.rev, reviewedHash: reviewed.reviewedHash! });
}

async function pdfOf(download: Download): Promise<Uint8Array> {
  const file = await download.path();
  return new Uint8Array(fs.readFileSync(file));
}

test.afterAll(async () => {
  await closeSharedPdfRenderer();
});

test('reply letters for 3 and 40 persons: preview from the reply, save PDF, the PDF measures to GB/T 9704', async ({ page, app }) => {
  test.setTimeout(180_000);
  await app.initialize();
  const small = await issuedReply(app, 3, '12');
  const large = await issuedReply(app, 40, '13');
  const issuedOn = (iso: string) => {
    const d = new Date(iso);
    return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
  };
  await login(page, app);
  const pageCounts: number[] = [];

  for (const reply of [small, large]) {
    await go(page, `/opinions/requests/${reply.request.id}?reply=${reply.id}`);
    await expect(page.getByText(reply.docNumber!).first()).toBeVisible();
    await page.getByRole('button', { name: '打印/预览' }).click();
    await expect(page.getByRole('heading', { name: '打印复函' })).toBeVisible();
    const frame = page.frameLocator('[data-testid="letter-frame"]');
    await expect(frame.locator('section.page').first()).toBeVisible();
    const pages = await frame.locator('section.page').count();
    pageCounts.push(pages);
    await expect(page.getByTestId('letter-page-count')).toContainText(`共${pages}页`);
    // the preview shows the letter as it prints: number, title, the hostile position as text
    await expect(frame.locator('[data-part="doc-number"]')).toHaveText(reply.docNumber!);
    await expect(frame.locator('img')).toHaveCount(0);
    if (reply === small) {
      await expect(frame.locator('body')).toContainText('<img src=x onerror=alert(1)>');
    } else {
      // the letter page, then the attached table over at least two pages (its header repeats)
      expect(pages).toBeGreaterThanOrEqual(3);
      await expect(frame.locator('[data-part="attachment-title"]')).toContainText('等40名同志党风廉政情况意见表');
    }

    const downloading = page.waitForEvent('download');
    await button(page, '保存PDF').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`${reply.docNumber} 关于${reply.items[0]!.person.name}等同志党风廉政情况的复函.pdf`);
    await expect(page.getByText(/已生成“.*”，共\d+页/)).toBeVisible();
    const measured = await measurePdf(await pdfOf(download));
    expect(measured.length).toBe(pages);
    assertLetterGeometry(measured, {
      titleLines: 1,
      names: reply.items.map((i) => i.person.name),
      docNumber: reply.docNumber!,
      date: issuedOn(reply.issuedAt!),
      ...(reply === large ? { letterPages: 1 } : {}),
    });
    if (reply === large) {
      for (const p of measured.slice(1)) expect(p.text.replace(/\s/g, '')).toContain('序号姓名单位职务意见备注');
    }
  }

  // the persons of a reply as a landscape list
  await page.getByText('人员及意见（横向台账）').click();
  const frame = page.frameLocator('[data-testid="letter-frame"]');
  await expect(frame.locator('section.page.landscape').first()).toBeVisible();
  await expect(frame.locator('[data-part="list-title"]')).toContainText('征求意见人员及回复意见');

  // batch: both letters in one PDF, with progress
  await page.getByRole('menuitem', { name: '批量打印' }).click();
  await expect(page.getByRole('heading', { name: '批量打印复函' })).toBeVisible();
  for (const r of [small, large])
    await page.locator('.ant-table-tbody tr').filter({ hasText: r.docNumber! }).locator('input[type="checkbox"]').check();
  const batchDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: /生成PDF（2份）/ }).click();
  await expect(page.getByTestId('batch-progress')).toBeVisible();
  const batch = await pdfOf(await batchDownload);
  await expect(page.getByTestId('batch-progress')).toContainText('2/2');
  const all = await measurePdf(batch);
  const text = all.map((p) => p.text.replace(/\s/g, '')).join('');
  expect(text).toContain(small.docNumber!);
  expect(text).toContain(large.docNumber!);
  expect(all.length).toBe(pageCounts[0]! + pageCounts[1]!);
});

test('设置 shows the letter settings and which face each font role resolved to; the red header can be turned off', async ({
  page,
  app,
}) => {
  await app.initialize();
  await login(page, app);
  await page.getByRole('menuitem', { name: '设置' }).click();
  const card = page.getByTestId('letter-settings');
  await expect(card).toBeVisible();
  const fonts = card.getByTestId('font-table');
  for (const role of ['仿宋（正文）', '小标宋（标题、发文机关标志）', '黑体（一级标题、“附件”、表头）', '楷体（二级标题）', '宋体（页码）'])
    await expect(fonts).toContainText(role);
  await expect(card).toContainText(/字体查找方式：/);
  await card.getByLabel('联系人').fill('李明');
  await card.getByLabel('联系电话').fill('0731-84561234');
  await card.getByRole('switch').click();
  await card.getByRole('button', { name: '保存公文打印设置' }).click();
  await expect(page.getByText('公文打印设置已保存')).toBeVisible();
  const saved = await app.invoke('letterSettings.get', {});
  expect(saved).toMatchObject({ redHeader: false, contactPerson: '李明', contactPhone: '0731-84561234' });
});
