/**
 * 备份与恢复 through the real UI: make a backup, change data, restore it and see the old
 * data back; a wrong passphrase and a damaged file give clear messages and change nothing.
 * Files are chosen on the host machine (browser mode: the host is this computer), by
 * typing the path or with the 浏览… picker.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { ADMIN, expect, login, test } from './support/fixtures';
import { confirmDialog } from './support/ui';
import { installTestHooks } from '../core/config/testHooks';

// The cheapest KDF a reader accepts keeps the UI waits short (the format and bounds are tested in core/backup).
installTestHooks({ backupKdfLogN: 15 }); // a quick KDF (core/config/testHooks.ts)

const PASS = '清廉台账 备份口令 2025';

function usbFolder(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-usb-'));
}

async function openBackupPage(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '备份与恢复' }).click();
  await expect(page.getByRole('heading', { name: '备份与恢复' })).toBeVisible();
}

const card = (page: Page, title: string) =>
  page.locator('.ant-card').filter({ has: page.locator('.ant-card-head-title', { hasText: title }) });

async function unitsShown(page: Page): Promise<string[]> {
  await page.getByRole('menuitem', { name: '单位' }).click();
  await expect(page.getByRole('heading', { name: '单位' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  return (await page.locator('.ant-tree-title, .ant-table-row td:first-child').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
}

test.describe('备份与恢复', () => {
  test('创建备份 → 修改数据 → 从备份恢复，看到原来的数据；首页显示上次备份', async ({ page, app }) => {
    await app.initialize();
    await app.unit('财政局');
    const usb = usbFolder();
    await login(page, app);
    await expect(page.getByTestId('backup-banner')).toContainText('还没有成功备份过');

    await openBackupPage(page);
    // Every visible word is Chinese (the host's home folder is a machine-owned path).
    const text = (await page.locator('body').innerText()).split(os.homedir()).join(' ');
    expect(text.match(/[A-Za-z]{2,}/g) ?? []).toEqual([]);
    const create = card(page, '创建备份');
    await create.getByLabel('保存到文件夹').fill(usb);
    await create.getByLabel('备份口令').fill('123');
    await expect(create.getByTestId('passphrase-strength')).toContainText('强度：很弱');
    await create.getByLabel('备份口令').fill(PASS);
    await expect(create.getByTestId('passphrase-strength')).toContainText(/强度：(强|很强)/);
    await create.getByLabel('再次输入口令').fill(PASS + '?');
    await create.getByRole('button', { name: '开始备份' }).click();
    await expect(create.getByText('两次输入的口令不一致')).toBeVisible();
    await create.getByLabel('再次输入口令').fill(PASS);
    await create.getByRole('button', { name: '开始备份' }).click();
    // What the words claim depends on what could be read back (the device itself, or possibly the cache).
    await expect(
      create.getByText(/^备份完成，已读回校验无误（数据写入磁盘后直接从磁盘读回）$|^备份已写入并同步到磁盘，但读回时可能读到的是系统缓存/),
    ).toBeVisible({ timeout: 30_000 });
    await expect(create.getByTestId('backup-created')).toContainText(usb);
    const [file] = fs.readdirSync(usb).filter((f) => f.endsWith('.qlbak'));
    expect(file).toBeTruthy();
    // The passphrase is nowhere on disk.
    for (const f of fs.readdirSync(app.dataDir)) {
      const p = path.join(app.dataDir, f);
      if (fs.statSync(p).isFile()) expect(fs.readFileSync(p).includes(Buffer.from(PASS))).toBe(false);
    }

    // Data moves on after the backup.
    await app.unit('教育局');
    expect(app.count('SELECT count(*) AS n FROM units')).toBe(2);

    // Restore, choosing the file with the picker.
    await openBackupPage(page);
    const restore = card(page, '从备份恢复');
    await restore.getByRole('button', { name: '浏览…' }).click();
    const picker = page.getByRole('dialog', { name: '选择备份文件' });
    await picker.getByLabel('文件夹路径').fill(usb);
    await picker.getByRole('button', { name: /^打\s*开$/ }).click();
    await picker.getByText(file!).click();
    await expect(picker).toBeHidden();
    await expect(restore.getByLabel('恢复用的备份文件')).toHaveValue(path.join(usb, file!));
    await restore.getByLabel('备份口令').fill(PASS);
    await restore.getByLabel('我明白当前数据将被备份中的数据替换').check();
    await restore.getByRole('button', { name: '开始恢复' }).click();
    await confirmDialog(page, '确定用此备份替换当前数据？', /^恢\s*复$/);
    const done = page.getByRole('dialog').filter({ hasText: '数据已从备份恢复' });
    await expect(done).toBeVisible({ timeout: 30_000 });
    await expect(done.getByTestId('backup-manifest')).toContainText('单位 1');
    await expect(done).toContainText('原数据另存为');
    await done.getByRole('button', { name: '重新登录' }).click();

    await login(page, app);
    expect(app.count('SELECT count(*) AS n FROM units')).toBe(1);
    const names = await unitsShown(page);
    expect(names.some((n) => n.includes('财政局'))).toBe(true);
    expect(names.some((n) => n.includes('教育局'))).toBe(false);
    await page.getByRole('menuitem', { name: '人员库' }).click();
    await expect(page.getByTestId('backup-banner')).toContainText('上次成功备份');
    fs.rmSync(usb, { recursive: true, force: true });
  });

  test('口令错误、文件损坏、文件被截断、不是备份文件：看到明确的提示，当前数据不变', async ({ page, app }) => {
    await app.initialize();
    await app.unit('财政局');
    const usb = usbFolder();
    // A good backup, made through the contract.
    let job = await app.invoke('backup.startCreate', { folder: usb, passphrase: PASS, passphraseConfirm: PASS });
    while (job.state === 'running') {
      await new Promise((r) => setTimeout(r, 50));
      job = await app.invoke('backup.job', { jobId: job.id });
    }
    expect(job.state).toBe('done');
    const good = job.result!.file;
    const bytes = fs.readFileSync(good);
    const damaged = path.join(usb, 'damaged.qlbak');
    const flipped = Buffer.from(bytes);
    const mid = Math.floor(bytes.length / 2);
    flipped[mid] = flipped[mid]! ^ 0x20;
    fs.writeFileSync(damaged, flipped);
    const truncated = path.join(usb, 'truncated.qlbak');
    fs.writeFileSync(truncated, bytes.subarray(0, bytes.length - 5000));
    const notBackup = path.join(usb, '说明.qlbak');
    fs.writeFileSync(notBackup, '这不是备份文件');
    await app.unit('教育局');
    const dbBefore = app.count('SELECT count(*) AS n FROM units');

    await login(page, app, ADMIN);
    await openBackupPage(page);
    const verify = card(page, '检查备份');
    const check = async (file: string, passphrase: string) => {
      await verify.getByLabel('备份文件').fill(file);
      await verify.getByLabel('口令').fill(passphrase);
      await verify.getByRole('button', { name: /^检\s*查$/ }).click();
    };
    await check(good, '错误的口令 12345');
    await expect(verify.getByRole('alert')).toContainText('口令不正确', { timeout: 20_000 });
    await check(damaged, PASS);
    await expect(verify.getByRole('alert')).toContainText(/第 \d+ 块数据已损坏/, { timeout: 20_000 });
    await check(truncated, PASS);
    await expect(verify.getByRole('alert')).toContainText('不完整（被截断）');
    await check(notBackup, PASS);
    await expect(verify.getByRole('alert')).toContainText('不是清廉台账的备份文件');
    await check(good, PASS);
    await expect(verify.getByTestId('backup-manifest')).toContainText('单位 1', { timeout: 20_000 });
    await expect(verify.getByText('备份完好，可以用于恢复')).toBeVisible();

    // The same damaged file through restore: refused, nothing replaced.
    const restore = card(page, '从备份恢复');
    await restore.getByLabel('恢复用的备份文件').fill(damaged);
    await restore.getByLabel('备份口令').fill(PASS);
    await restore.getByLabel('我明白当前数据将被备份中的数据替换').check();
    await restore.getByRole('button', { name: '开始恢复' }).click();
    await confirmDialog(page, '确定用此备份替换当前数据？', /^恢\s*复$/);
    await expect(restore.getByRole('alert').last()).toContainText(/第 \d+ 块数据已损坏/, { timeout: 20_000 });
    expect(app.count('SELECT count(*) AS n FROM units')).toBe(dbBefore);
    // Still logged in and working.
    await page.getByRole('menuitem', { name: '人员库' }).click();
    await expect(page.getByRole('heading', { name: '人员库' })).toBeVisible();
    fs.rmSync(usb, { recursive: true, force: true });
  });

  test('自动备份：管理员设置文件夹和密钥，立即备份一次；提醒天数生效', async ({ page, app }) => {
    await app.initialize();
    const folder = usbFolder();
    await login(page, app);
    await openBackupPage(page);
    const auto = card(page, '自动备份（管理员）');
    await auto.getByLabel('开启自动备份').click();
    await auto.getByLabel('自动备份文件夹').fill(folder);
    await auto.getByLabel('超过几天未备份时提醒').fill('3');
    await auto.getByRole('button', { name: '保存自动备份设置' }).click();
    await expect(page.getByText('自动备份设置已保存')).toBeVisible();
    await expect(auto).toContainText('已开启，但尚未设置密钥');

    await auto.getByLabel('自动备份口令').fill(PASS);
    await auto.getByLabel('再次输入口令').fill(PASS);
    await auto.getByRole('button', { name: '设置密钥' }).click();
    await expect(page.getByText('自动备份密钥已设置')).toBeVisible({ timeout: 20_000 });
    await auto.getByRole('button', { name: '立即自动备份一次' }).click();
    await expect(auto.getByText(/自动备份完成：.*qinglian-auto-/)).toBeVisible({ timeout: 30_000 });
    expect(fs.readdirSync(folder).filter((f) => f.startsWith('qinglian-auto-') && f.endsWith('.qlbak'))).toHaveLength(1);
    const settings = await app.invoke('backup.settingsGet', {});
    expect(settings.warnAfterDays).toBe(3);
    expect(settings.auto).toMatchObject({ enabled: true, folder, keep: { daily: 7, weekly: 4, monthly: 12 } });

    await page.getByRole('menuitem', { name: '人员库' }).click();
    await expect(page.getByTestId('backup-banner')).toContainText('上次成功备份');
    await expect(page.getByTestId('backup-banner')).toContainText('（自动）');
    fs.rmSync(folder, { recursive: true, force: true });
  });
});
