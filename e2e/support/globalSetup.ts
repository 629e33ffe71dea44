/**
 * Builds the renderer before the tests when out/renderer is missing or older than any
 * file it is built from (renderer/**, the contract files it imports, package-lock).
 * Set QINGLIAN_E2E_BUILD=always to force a build, =never to skip.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const outIndex = path.join(root, 'out', 'renderer', 'index.html');
const SOURCES = ['renderer', 'core', 'electron/preloadApi.ts', 'package-lock.json'];

function newestMtime(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = 0;
  for (const entry of fs.readdirSync(p, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry.name)));
  }
  return newest;
}

function needsBuild(): string | null {
  const mode = process.env.QINGLIAN_E2E_BUILD;
  if (mode === 'never') return null;
  if (mode === 'always') return 'QINGLIAN_E2E_BUILD=always';
  if (!fs.existsSync(outIndex)) return 'out/renderer/index.html 不存在';
  const built = fs.statSync(outIndex).mtimeMs;
  const newest = Math.max(...SOURCES.map((s) => newestMtime(path.join(root, s))));
  return newest > built ? '界面源码比构建结果新' : null;
}

export default function globalSetup(): void {
  const reason = needsBuild();
  if (!reason) return;
  console.log(`[e2e] 构建界面（${reason}）…`);
  execFileSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
  });
  if (!fs.existsSync(outIndex)) throw new Error('界面构建失败：没有生成 out/renderer/index.html');
}
