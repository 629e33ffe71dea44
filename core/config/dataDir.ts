import os from 'node:os';
import path from 'node:path';

/** Folder name under the OS's per-user application-data location. Electron and browser mode use the same one. */
export const APP_DIR_NAME = 'qinglian-ledger';
export const DATA_DIR_ENV = 'QINGLIAN_DATA_DIR';

/** The per-user application-data base: %APPDATA% on Windows, ~/Library/Application Support on macOS, $XDG_CONFIG_HOME or ~/.config on Linux (what Electron's app.getPath('appData') returns). */
export function appDataBase(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home = os.homedir(),
): string {
  if (platform === 'win32') return env.APPDATA ?? path.join(home, 'AppData', 'Roaming');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support');
  return env.XDG_CONFIG_HOME ?? path.join(home, '.config');
}

/** `--data-dir=<dir>` or `--data-dir <dir>` from the command line, if given (the last one wins). */
export function dataDirFromArgs(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--data-dir=')) found = arg.slice('--data-dir='.length);
    else if (arg === '--data-dir' && i + 1 < argv.length && !argv[i + 1]!.startsWith('--')) found = argv[++i];
  }
  return found?.trim() || undefined;
}

/** Where the database lives: the flag, then the environment variable, then the OS default. */
export function resolveDataDir(argv: readonly string[] = process.argv, env: NodeJS.ProcessEnv = process.env, base = appDataBase()): string {
  const chosen = dataDirFromArgs(argv) ?? env[DATA_DIR_ENV];
  return path.resolve(chosen && chosen.trim() ? chosen : path.join(base, APP_DIR_NAME));
}
