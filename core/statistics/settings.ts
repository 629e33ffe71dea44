import type { Db } from '../../db/open';
import type { HandlerMap } from '../host/handler';
import { readSetting } from '../settings/queries';
import { DEFAULT_STATISTICS_SETTINGS, statisticsSettingsSchema, type StatisticsSettings } from './settingsContract';

export const STATISTICS_SETTINGS_KEY = 'statistics';

export function readStatisticsSettings(db: Db): StatisticsSettings {
  const parsed = statisticsSettingsSchema.safeParse(readSetting<unknown>(db, STATISTICS_SETTINGS_KEY));
  return parsed.success ? parsed.data : DEFAULT_STATISTICS_SETTINGS;
}

export const statisticsSettingsHandlers: HandlerMap<'statisticsSettings.get' | 'statisticsSettings.update'> = {
  'statisticsSettings.get': (_input, { db }) => readStatisticsSettings(db),
  'statisticsSettings.update': (input, { writer }) => {
    writer.putSetting(STATISTICS_SETTINGS_KEY, input);
    return input;
  },
};
