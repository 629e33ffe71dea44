/**
 * Browser mode entry: `npm run web` or the fallback of `npm start`.
 * Flags: --data-dir <dir>, --port <n>, --no-open.
 */
import fs from 'node:fs';
import path from 'node:path';
import { resolveDataDir } from '../core/config/dataDir';
import { DataDirLockedError } from '../db/lock';
import { DbOpenError } from '../db/open';
import { writeHandoverPage } from './handover';
import { openInAppMode } from './openBrowser';
import { startWebHost } from './server';

const argv = process.argv.slice(2);
const portArg =
  argv.find((a) => a.startsWith('--port='))?.slice(7) ?? (argv.includes('--port') ? argv[argv.indexOf('--port') + 1] : undefined);
const root = path.resolve(__dirname, '..');
const version = (JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;

async function main(): Promise<void> {
  const dataDir = resolveDataDir(argv);
  const host = await startWebHost({
    dataDir,
    port: portArg ? Number(portArg) : 0,
    staticDir: path.join(root, 'out', 'renderer'),
    version,
  });
  console.log(`清廉台账（浏览器模式）已启动 / browser mode: ${host.url}`);
  console.log(`数据文件 / data: ${host.core.config.databaseFile}`);
  if (!argv.includes('--no-open')) {
    // The token goes through a private file, not the browser's command line (web/handover.ts).
    const handover = writeHandoverPage(path.join(dataDir, 'browser-handover'), host.url);
    host.onFirstAuthorizedCall(handover.remove);
    const browser = openInAppMode(handover.address, path.join(dataDir, 'browser-profile'));
    if (!browser) handover.remove();
    console.log(browser ? `已在浏览器中打开 / opened in ${browser}` : '未找到 Chromium/Chrome/Edge，请手动在浏览器中打开上面的地址。');
  }
  console.log('按 Ctrl+C 退出 / press Ctrl+C to stop');
  const stop = () => {
    void host.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  if (error instanceof DbOpenError) console.error(`无法打开数据文件：${error.message}`);
  else if (error instanceof DataDirLockedError) console.error(`无法启动：${error.message}`);
  else console.error('启动失败 / failed to start:', error);
  process.exit(1);
});
