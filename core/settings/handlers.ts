import { AppError } from '../errors';
import type { HandlerMap } from '../host/handler';
import { readOfficeSettings, SETTING_KEYS } from './queries';

export const settingsHandlers: HandlerMap<'settings.get' | 'settings.update'> = {
  'settings.get': (_input, { db }) => {
    const settings = readOfficeSettings(db);
    if (!settings) throw new AppError('NOT_INITIALIZED', '尚未完成首次设置。');
    return settings;
  },
  'settings.update': (input, { writer }) => {
    writer.putSetting(SETTING_KEYS.office, input);
    return input;
  },
};
