import type { Db } from '../../db/open';
import { readSetting } from '../settings/queries';
import { DEFAULT_OPINION_SETTINGS, opinionSettingsSchema, type OpinionSettings } from './contract';

export const OPINION_SETTINGS_KEY = 'opinions';

export function readOpinionSettings(db: Db): OpinionSettings {
  const parsed = opinionSettingsSchema.safeParse(readSetting<unknown>(db, OPINION_SETTINGS_KEY));
  return parsed.success ? parsed.data : DEFAULT_OPINION_SETTINGS;
}
