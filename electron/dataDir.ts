import path from 'node:path';

export const DATA_DIR_FLAG = '--data-dir';
export const DATA_DIR_ENV = 'QINGLIAN_DATA_DIR';

export interface DataDirChoice {
  dir: string;
  source: 'argv' | 'env' | 'default';
}

/** The value of `--data-dir=<path>` (or `--data-dir <path>`) in argv, if any; the last one wins. */
export function dataDirFromArgv(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith(`${DATA_DIR_FLAG}=`)) {
      found = arg.slice(DATA_DIR_FLAG.length + 1);
    } else if (arg === DATA_DIR_FLAG && i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) {
      found = argv[++i];
    }
  }
  return found?.trim() || undefined;
}

/**
 * Where the database and window state live: `--data-dir=<path>`, else env
 * QINGLIAN_DATA_DIR, else Electron's userData folder. Relative paths are taken from
 * the working directory.
 */
export function resolveDataDir(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  defaultDir: () => string,
): DataDirChoice {
  const fromArgv = dataDirFromArgv(argv);
  if (fromArgv) return { dir: path.resolve(cwd, fromArgv), source: 'argv' };
  const fromEnv = env[DATA_DIR_ENV]?.trim();
  if (fromEnv) return { dir: path.resolve(cwd, fromEnv), source: 'env' };
  return { dir: defaultDir(), source: 'default' };
}
