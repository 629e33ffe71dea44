/**
 * `npm start`: builds what is missing and starts the desktop app (Electron). Where the
 * Electron binary is missing or cannot run, says so in one line and starts browser
 * mode instead. Extra arguments (e.g. --data-dir D) are passed on.
 *   npm start -- --browser    browser mode directly
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const forward = args.filter((a) => a !== '--browser');

function newestMtime(dir: string): number {
  let newest = 0;
  if (!fs.existsSync(dir)) return newest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Rebuilds the renderer when its sources (or the contract it imports) are newer than the build. */
function ensureRenderer(): void {
  const built = path.join(root, 'out', 'renderer', 'index.html');
  const builtAt = fs.existsSync(built) ? fs.statSync(built).mtimeMs : 0;
  const sourcesAt = Math.max(newestMtime(path.join(root, 'renderer')), newestMtime(path.join(root, 'core')));
  if (builtAt > sourcesAt) return;
  console.log('正在构建界面… / building the UI…');
  const result = spawnSync(
    process.execPath,
    [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
    },
  );
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/**
 * The Electron executable if it is there or can be fetched now. The electron npm package
 * downloads its binary lazily; on an air-gapped or restricted machine that fails at once.
 */
function electronBinary(): string | null {
  const found = installedElectron();
  if (found || process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return found;
  spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron', 'install.js')], {
    cwd: root,
    stdio: 'ignore',
    timeout: 180_000,
  });
  return installedElectron();
}

function installedElectron(): string | null {
  try {
    const pathFile = path.join(root, 'node_modules', 'electron', 'path.txt');
    if (!fs.existsSync(pathFile)) return null;
    const exe = path.join(root, 'node_modules', 'electron', 'dist', fs.readFileSync(pathFile, 'utf8').trim());
    return fs.existsSync(exe) ? exe : null;
  } catch {
    return null;
  }
}

function runBrowserMode(): void {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'web', 'main.ts'), ...forward], {
    cwd: root,
    stdio: 'inherit',
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}

ensureRenderer();
const electron = args.includes('--browser') ? null : electronBinary();
if (!electron) {
  if (!args.includes('--browser')) {
    console.log('未找到可用的 Electron 程序文件，改用浏览器模式启动 / Electron binary not available, starting browser mode instead.');
  }
  runBrowserMode();
} else {
  const build = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const child = spawn(electron, [root, ...forward], { cwd: root, stdio: 'inherit' });
  child.on('error', () => {
    console.log('Electron 无法启动，改用浏览器模式 / Electron failed to start, starting browser mode instead.');
    runBrowserMode();
  });
  child.on('exit', (code) => process.exit(code ?? 0));
}
