/**
 * Entry of the core process: an Electron utilityProcess forked by the main process
 * (out/main/coreProcess.js). It owns the SQLite connection, so long work here never
 * blocks the window.
 */
import type { ParentPort } from 'electron';
import { createCoreHost } from '../../core/host/coreHost';
import { enablePdfWarmUp } from '../../core/print/pdf';
import { runCoreServer } from './server';
import { runPackagedCli } from '../cli';
import { stdinFromParent } from '../cliLauncher';
import { cliArgs } from '../cliArgs';

const port: ParentPort | undefined = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
const cli = cliArgs(process.argv);
if (cli) {
  // `清廉台账 --cli backup …` (electron/main.ts forks this process for it).
  void runPackagedCli(
    cli,
    process.env,
    (process as NodeJS.Process & { resourcesPath?: string }).resourcesPath ?? null,
    process.env.QINGLIAN_APP_VERSION ?? '',
    stdinFromParent(port),
  ).then((code) => process.exit(code));
} else if (!port) {
  console.error('coreProcess.js must be started by the Electron main process (utilityProcess.fork).');
  process.exit(1);
} else {
  // 保存PDF runs the core's PDF job where a Chromium/Edge is installed: warm it at login and
  // on print pages, as web/server.ts does, so the first PDF does not pay the browser's start.
  enablePdfWarmUp(process.env.QINGLIAN_PDF_WARM !== '0');
  runCoreServer(port, {
    createHost: createCoreHost,
    env: process.env,
    expectedAbi: process.versions.modules,
    exit: (code) => process.exit(code),
  });
}
