/**
 * The packaged app as a command line for IT staff: `清廉台账 --cli backup create|verify|restore|info …`
 * (the same code and exit codes as `npm run cli`, docs/backup-format.md §6), with the
 * Electron build of better-sqlite3. Runs in the core process, forked by main.ts with
 * `--cli …`; no window opens. `--passphrase-stdin` works through the main process,
 * which reads standard input and posts it here (cliLauncher.ts).
 */
import { runCli } from '../core/cli';
import { resolveNativeBinding } from './coreProcess/nativeBinding';

export async function runPackagedCli(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  resourcesPath: string | null,
  version: string,
  readStdin: () => Promise<string>,
): Promise<number> {
  const binding = resolveNativeBinding(env, resourcesPath);
  if (!binding.ok) {
    process.stderr.write(`${binding.error.message}\n`);
    return 1;
  }
  const controller = new AbortController();
  process.on('SIGINT', () => controller.abort());
  return runCli([...argv], {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    readStdin,
    env,
    version,
    signal: controller.signal,
    ...(binding.file ? { nativeBinding: binding.file } : {}),
  });
}
