/**
 * `npm run cli -- backup create|verify|restore|info ...` and `audit verify` (see core/backup/cli.ts, core/audit/cli.ts for
 * the options and exit codes). The packaged app runs the same code: `清廉台账 --cli backup ...`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../core/cli';
import { readAllStdin } from '../core/shared/stdin';

const root = path.resolve(__dirname, '..');
const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
const controller = new AbortController();
// Ctrl+C, a terminal closed, a service stop: the job is cancelled and cleans up (a
// verify's decrypted copy is removed) before the process exits.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => controller.abort());

runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  readStdin: readAllStdin,
  env: process.env,
  version,
  signal: controller.signal,
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
