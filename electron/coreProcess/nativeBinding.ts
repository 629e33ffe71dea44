/**
 * Which better_sqlite3.node the core process loads.
 *
 * better-sqlite3 is a native addon compiled against one runtime's ABI: the copy in
 * node_modules is built for Node (the tests and browser mode use it); Electron needs
 * its own build. The Electron build lives apart (docs/architecture.md › Electron) and is handed
 * to better-sqlite3 through its `nativeBinding` option:
 *   1. <resources>/native/better_sqlite3.node, if present (the packaged app): always, so
 *      an environment variable cannot swap a native library into an installed build;
 *   2. env QINGLIAN_SQLITE_BINDING, if set — development from a checkout only: an installed
 *      build (app.asar in resources) whose own library is missing stops with a Chinese error;
 *   3. otherwise better-sqlite3's own lookup (node_modules — Node's ABI, which Electron
 *      will refuse with a clear message below).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ApiErrorBody } from '../../core/api';

export const SQLITE_BINDING_ENV = 'QINGLIAN_SQLITE_BINDING';
export const PACKAGED_BINDING = path.join('native', 'better_sqlite3.node');

export type BindingChoice =
  { ok: true; file: string | undefined; source: 'env' | 'resources' | 'default' } | { ok: false; error: ApiErrorBody };

export function resolveNativeBinding(
  env: Readonly<Record<string, string | undefined>>,
  resourcesPath: string | null,
  exists: (file: string) => boolean = fs.existsSync,
): BindingChoice {
  if (resourcesPath) {
    const file = path.join(resourcesPath, PACKAGED_BINDING);
    if (exists(file)) return { ok: true, file, source: 'resources' };
    // An installed build (its app.asar beside) never takes a library from the environment,
    // even when its own is missing: that is a broken install, said so.
    if (exists(path.join(resourcesPath, 'app.asar'))) {
      return { ok: false, error: { code: 'INTERNAL', message: `安装不完整：缺少数据库组件（${file}），请重新安装清廉台账。` } };
    }
  }
  const fromEnv = env[SQLITE_BINDING_ENV]?.trim();
  if (fromEnv) {
    const file = path.resolve(fromEnv);
    if (!exists(file)) {
      return { ok: false, error: { code: 'INTERNAL', message: `环境变量 ${SQLITE_BINDING_ENV} 指向的数据库组件不存在：${file}` } };
    }
    return { ok: true, file, source: 'env' };
  }
  return { ok: true, file: undefined, source: 'default' };
}

const ABI_MARKER = Buffer.from('node_register_module_v', 'latin1');

/**
 * The Node ABI (NODE_MODULE_VERSION) a native addon was built for, read from the
 * `node_register_module_v<N>` symbol every non-N-API addon exports; null if absent.
 * Node 20 is 115; Electron 45 is 150 (node_modules/electron/abi_version).
 */
export function readAddonAbi(file: string): number | null {
  const bytes = fs.readFileSync(file);
  let from = 0;
  for (;;) {
    const at = bytes.indexOf(ABI_MARKER, from);
    if (at < 0) return null;
    let end = at + ABI_MARKER.length;
    while (end < bytes.length && end - at - ABI_MARKER.length < 4 && bytes[end]! >= 0x30 && bytes[end]! <= 0x39) end++;
    if (end > at + ABI_MARKER.length) return Number(bytes.subarray(at + ABI_MARKER.length, end).toString('latin1'));
    from = at + 1;
  }
}

/** A Chinese explanation when `file` was built for another runtime than the one running; null if it fits (or cannot be told). */
export function checkAddonAbi(file: string, expectedAbi: string | number): ApiErrorBody | null {
  let abi: number | null;
  try {
    abi = readAddonAbi(file);
  } catch (error) {
    return { code: 'INTERNAL', message: `无法读取数据库组件 ${file}：${(error as Error).message}` };
  }
  if (abi === null || abi === Number(expectedAbi)) return null;
  return { code: 'INTERNAL', message: abiMismatchMessage(`组件为 ABI ${abi} 编译，本程序需要 ABI ${expectedAbi}；文件：${file}`) };
}

export function abiMismatchMessage(detail: string): string {
  return `数据库组件（better-sqlite3）与本程序的运行环境版本不符，无法打开数据文件。请重新安装程序，或由技术人员按 docs/architecture.md 为 Electron 重新编译该组件。（${detail}）`;
}

/** Whether a load error is Node's "compiled against a different Node.js version". */
export function isAbiMismatchError(message: string): boolean {
  return /NODE_MODULE_VERSION|compiled against a different Node\.js version/.test(message);
}
