/**
 * Entry of the Electron main process (built to out/main/index.js, package.json "main").
 * Everything is in app.ts; this file only hands it the real `electron` module.
 */
import path from 'node:path';
import * as electron from 'electron';
import { startApp } from './app';
import { readAllStdin } from '../core/shared/stdin';
import { cliArgs } from './cliArgs';
import { launchCli } from './cliLauncher';

const cli = cliArgs(process.argv);
if (cli) {
  // `清廉台账 --cli backup …`: the IT staff's command line (core/backup/cli.ts) runs in the
  // core process (which has the database code and its native build); no window opens.
  void electron.app.whenReady().then(() =>
    launchCli(cli, {
      fork: (args) =>
        electron.utilityProcess.fork(path.join(__dirname, 'coreProcess.js'), ['--cli', ...args], {
          serviceName: '清廉台账命令行',
          env: { ...process.env, QINGLIAN_APP_VERSION: electron.app.getVersion() },
          stdio: 'inherit',
        }),
      readStdin: readAllStdin,
      exit: (code) => electron.app.exit(code),
    }),
  );
} else
  startApp(electron, {
    argv: process.argv,
    env: process.env,
    cwd: process.cwd(),
    platform: process.platform,
    mainDir: __dirname,
    resourcesPath: process.resourcesPath ?? null,
  });
