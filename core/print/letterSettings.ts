import type { Db } from '../../db/open';
import { readSetting } from '../settings/queries';
import { DEFAULT_LETTER_SETTINGS, letterSettingsSchema, type LetterSettings } from './contract';

export const LETTER_SETTINGS_KEY = 'letters';

/** The office's letter settings (defaults until an admin saves them). */
export function readLetterSettings(db: Db): LetterSettings {
  const parsed = letterSettingsSchema.safeParse(readSetting<unknown>(db, LETTER_SETTINGS_KEY));
  return parsed.success ? parsed.data : DEFAULT_LETTER_SETTINGS;
}
