/**
 * Builds the renderer for this test run into a private folder (the tests serve that
 * folder, not out/renderer), so a build started at the same time elsewhere in the tree —
 * `npm start`, another test run — can never swap the files under a running test.
 *
 * QINGLIAN_E2E_STATIC_DIR=<folder> skips the build and serves an existing build instead
 * (e.g. `QINGLIAN_E2E_STATIC_DIR=out/renderer` after `npm run build:renderer`).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const ARTIFACTS = path.join(root, 'test-results', 'e2e');
const DAY_MS = 24 * 60 * 60 * 1000;

export const STATIC_DIR_ENV = 'QINGLIAN_E2E_STATIC_DIR';

export default function globalSetup(): (() => void) | void {
  removeOldArtifacts();
  const given = process.env[STATIC_DIR_ENV];
  if (given) {
    const dir = path.resolve(root, given);
    if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error(`${STATIC_DIR_ENV}=${given}：该文件夹中没有 index.html`);
    process.env[STATIC_DIR_ENV] = dir;
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-e2e-renderer-'));
  console.log(`[e2e] 构建界面 → ${dir}`);
  execFileSync(
    process.execPath,
    [
      path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'renderer/vite.config.ts',
      '--outDir',
      dir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' } },
  );
  if (!fs.existsSync(path.join(dir, 'index.html'))) throw new Error('界面构建失败：没有生成 index.html');
  // Workers inherit the environment of the runner: the fixtures read the folder from here.
  process.env[STATIC_DIR_ENV] = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

/** Each run writes its failure artifacts under test-results/e2e/<run>; runs older than a day go. */
function removeOldArtifacts(): void {
  if (!fs.existsSync(ARTIFACTS)) return;
  for (const entry of fs.readdirSync(ARTIFACTS, { withFileTypes: true })) {
    const full = path.join(ARTIFACTS, entry.name);
    try {
      if (entry.isDirectory() && Date.now() - fs.statSync(full).mtimeMs > DAY_MS) fs.rmSync(full, { recursive: true, force: true });
    } catch {
      // Another run may be removing it too.
    }
  }
}
