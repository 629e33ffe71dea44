/**
 * The command line's areas: `backup …` (core/backup/cli.ts) and `audit verify`
 * (core/audit/cli.ts). `npm run cli` and the packaged `--cli` both come here.
 */
import { runAuditCli } from './audit/cli';
import { runCli as runBackupCli, type CliIo } from './backup/cli';

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  if (argv[0] === 'audit') return runAuditCli(argv, io);
  return runBackupCli(argv, io);
}
