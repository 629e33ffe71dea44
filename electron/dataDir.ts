import path from 'node:path';
import { APP_DIR_NAME, DATA_DIR_ENV, dataDirFromArgs } from '../core/config/dataDir';

export { DATA_DIR_ENV };

export interface DataDirChoice {
  dir: string;
  source: 'argv' | 'env' | 'default';
}

/** The value of `--data-dir=<path>` (or `--data-dir <path>`) in argv, if any; the last one wins. */
export const dataDirFromArgv = dataDirFromArgs;

/**
 * Where the database and window state live: `--data-dir=<path>`, else env
 * QINGLIAN_DATA_DIR, else `<appData>/qinglian-ledger` — the same folder browser mode
 * uses (core/config/dataDir.ts), so both shells open the same database. Relative paths
 * are taken from the working directory.
 */
export function resolveDataDir(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  appDataDir: () => string,
): DataDirChoice {
  const fromArgv = dataDirFromArgv(argv);
  if (fromArgv) return { dir: path.resolve(cwd, fromArgv), source: 'argv' };
  const fromEnv = env[DATA_DIR_ENV]?.trim();
  if (fromEnv) return { dir: path.resolve(cwd, fromEnv), source: 'env' };
  return { dir: path.join(appDataDir(), APP_DIR_NAME), source: 'default' };
}
