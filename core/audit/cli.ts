/**
 * `npm run cli -- audit verify [--data-dir D]` (packaged: `清廉台账 --cli audit verify`):
 * checks the audit log's hash chain in the data file, read-only, and names the first
 * broken link. Works on a copy of the file too (`--file F`).
 *
 * Exit codes: 0 chain intact, 2 usage, 4 chain broken, 9 the file cannot be read.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { resolveDataDir } from '../config/dataDir';
import { verifyAuditChain } from './verify';

export interface AuditCliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: NodeJS.ProcessEnv;
  nativeBinding?: string;
}

const USAGE = `用法 / usage:
  audit verify [--data-dir <数据文件夹>] [--file <数据文件>]
退出码：0 操作记录完整 2 用法错误 4 操作记录被改动 9 数据文件无法读取`;

export async function runAuditCli(argv: readonly string[], io: AuditCliIo): Promise<number> {
  const [, command, ...rest] = argv;
  if (command !== 'verify') {
    io.stderr(USAGE + '\n');
    return command === 'help' || command === '--help' ? 0 : 2;
  }
  const fileArg = rest.indexOf('--file');
  if (fileArg !== -1 && !rest[fileArg + 1]) {
    io.stderr('--file 后面需要一个值。\n');
    return 2;
  }
  const file = fileArg !== -1 ? rest[fileArg + 1]! : path.join(resolveDataDir([...rest], io.env), 'qinglian.sqlite');
  if (!fs.existsSync(file)) {
    io.stderr(`找不到数据文件：${file}\n`);
    return 9;
  }
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, ...(io.nativeBinding ? { nativeBinding: io.nativeBinding } : {}) });
  } catch (error) {
    io.stderr(`无法打开数据文件 ${file}：${(error as Error).message}\n`);
    return 9;
  }
  try {
    const columns = (db.prepare("SELECT name FROM pragma_table_info('audit_log')").all() as { name: string }[]).map((c) => c.name);
    if (!columns.includes('hash')) {
      io.stderr('这个数据文件还没有操作记录校验链：请先用新版程序打开一次（会自动升级）。\n');
      return 9;
    }
    const result = verifyAuditChain(db);
    if (result.ok) {
      io.stdout(`操作记录完整：共${result.checked}条，校验链没有断开。\n`);
      if (result.head)
        io.stdout(
          `最后一条：第${result.head.seq}条，校验值 ${result.head.hash}\n（请记下此校验值：日后末尾的记录若被删除，可与之比对发现。）\n`,
        );
      return 0;
    }
    io.stdout(`操作记录被改动：${result.firstBroken!.message}\n此前的${result.checked}条记录完整。\n`);
    return 4;
  } catch (error) {
    io.stderr(`无法读取操作记录：${(error as Error).message}\n`);
    return 9;
  } finally {
    db.close();
  }
}
