/** Small helpers for antd widgets, written the way a clerk uses them (click, pick). */
import { expect, type Locator, type Page } from '@playwright/test';

/** The open dropdown of a Select / TreeSelect. */
export const openDropdown = (page: Page): Locator => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').last();

/**
 * Opens a Select / TreeSelect and waits until its dropdown has finished sliding in: a
 * click that lands during antd's opening motion can be lost on a busy machine.
 */
export async function openSettledDropdown(page: Page, select: Locator): Promise<Locator> {
  await select.click();
  const dropdown = openDropdown(page);
  await expect(dropdown).toBeVisible();
  await expect(dropdown).not.toHaveClass(/ant-slide-(up|down)-(appear|enter)/);
  return dropdown;
}

/** Opens a Select and clicks the option whose text is exactly `text`. */
export async function pickOption(page: Page, select: Locator, text: string): Promise<void> {
  const dropdown = await openSettledDropdown(page, select);
  await dropdown
    .locator('.ant-select-item-option')
    .filter({ hasText: new RegExp(`^${escape(text)}$`) })
    .first()
    .click();
  await expect(dropdown).toBeHidden();
}

/** Opens a TreeSelect and clicks the unit named `name`. */
export async function pickUnit(page: Page, select: Locator, name: string): Promise<void> {
  const dropdown = await openSettledDropdown(page, select);
  await dropdown
    .locator('.ant-select-tree-title')
    .filter({ hasText: new RegExp(`^${escape(name)}$`) })
    .first()
    .click();
  await expect(dropdown).toBeHidden();
}

/** A row of the main table that contains `text`. */
export const row = (page: Page, text: string | RegExp): Locator =>
  page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: text });

/** The names in the main table, top to bottom. */
export async function tableNames(page: Page): Promise<string[]> {
  const cells = page.locator('.ant-table-tbody tr.ant-table-row td:first-child a');
  return (await cells.allInnerTexts()).map((t) => t.trim());
}

/** Clicks the OK button of the confirmation dialog that shows `text`. */
export async function confirmDialog(page: Page, text: string | RegExp, okName: string | RegExp): Promise<void> {
  const dialog = page.locator('.ant-modal-confirm').filter({ hasText: text });
  await expect(dialog).toBeVisible();
  // As with dropdowns: a click during antd's zoom-in can be lost on a busy machine.
  await expect(dialog).not.toHaveClass(/ant-zoom-(appear|enter)/);
  await dialog.getByRole('button', { name: okName }).click();
  await expect(dialog).toBeHidden();
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
