import { LATEST_SCHEMA_VERSION } from '../../db/migrations';
import type { HandlerMap } from '../host/handler';

export const appHandlers: HandlerMap<'app.info'> = {
  'app.info': (_input, { config }) => ({
    name: '清廉台账',
    version: config.version,
    schemaVersion: LATEST_SCHEMA_VERSION,
    dataDir: config.dataDir,
    databaseFile: config.databaseFile,
    shell: config.shell,
  }),
};
