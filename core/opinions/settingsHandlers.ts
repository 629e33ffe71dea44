import type { HandlerMap } from '../host/handler';
import { OPINION_SETTINGS_KEY, readOpinionSettings } from './settings';

export const opinionSettingsHandlers: HandlerMap<'opinionSettings.get' | 'opinionSettings.update'> = {
  'opinionSettings.get': (_input, { db }) => readOpinionSettings(db),
  'opinionSettings.update': (input, { writer }) => {
    writer.putSetting(OPINION_SETTINGS_KEY, input);
    return input;
  },
};
