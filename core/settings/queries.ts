import type { Db } from '../../db/open';
import { officeSettingsSchema, type OfficeSettings } from './contract';

/** Settings keys; values are JSON. */
export const SETTING_KEYS = { office: 'office' } as const;

export function readSetting<T>(db: Db, key: string): T | null {
  const row = db.prepare('SELECT value FROM settings WHERE key = ?').get(key) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as T) : null;
}

export function readOfficeSettings(db: Db): OfficeSettings | null {
  const raw = readSetting<unknown>(db, SETTING_KEYS.office);
  if (raw === null) return null;
  const parsed = officeSettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}
