/**
 * The core process's side of the protocol: opens the database when told to, answers
 * invokes through the CoreHost, closes on shutdown. Electron-free: the entry passes
 * `process.parentPort`; tests pass a stand-in port and a real CoreHost.
 */
import type { ApiErrorBody, Envelope } from '../../core/api';
import type { CoreHostOptions } from '../../core/host/coreHost';
import { abiMismatchMessage, checkAddonAbi, isAbiMismatchError, resolveNativeBinding } from './nativeBinding';
import { isToCoreMessage, type CoreInitConfig, type FromCoreMessage } from './protocol';

export interface ParentPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  postMessage(message: FromCoreMessage): void;
}

export interface HostLike {
  invoke(channel: string, input: unknown, sessionId?: string | null): Promise<Envelope<unknown>>;
  close(): void;
  /** Finishes a running backup job and runs the on-exit automatic backup, then closes (core/backup). */
  shutdown?(): Promise<void>;
}

export interface CoreServerDeps {
  createHost(options: CoreHostOptions): HostLike;
  env: Readonly<Record<string, string | undefined>>;
  /** process.versions.modules of the running runtime. */
  expectedAbi: string;
  exit(code: number): void;
}

const CODES_FROM_OPEN = new Set(['DB_FROM_FUTURE', 'DB_NOT_OURS', 'DB_UNREADABLE']);

export function startupError(error: unknown): ApiErrorBody {
  const message = error instanceof Error ? error.message : String(error);
  if (isAbiMismatchError(message)) return { code: 'INTERNAL', message: abiMismatchMessage(message.split('\n')[0] ?? message) };
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CODES_FROM_OPEN.has(code)) return { code: code as ApiErrorBody['code'], message };
  // Another program holds the data folder (db/lock.ts): its message says which, in Chinese.
  if (code === 'DATA_DIR_LOCKED') return { code: 'BUSY', message };
  return { code: 'INTERNAL', message: `数据服务启动失败：${message}` };
}

export function openHost(config: CoreInitConfig, deps: CoreServerDeps): { ok: true; host: HostLike } | { ok: false; error: ApiErrorBody } {
  const binding = resolveNativeBinding(deps.env, config.resourcesPath);
  if (!binding.ok) return binding;
  if (binding.file) {
    const mismatch = checkAddonAbi(binding.file, deps.expectedAbi);
    if (mismatch) return { ok: false, error: mismatch };
  }
  try {
    const host = deps.createHost({
      dataDir: config.dataDir,
      shell: 'electron',
      version: config.version,
      ...(binding.file ? { nativeBinding: binding.file } : {}),
    });
    return { ok: true, host };
  } catch (error) {
    return { ok: false, error: startupError(error) };
  }
}

export function runCoreServer(port: ParentPortLike, deps: CoreServerDeps): void {
  let host: HostLike | null = null;
  let initialized = false;

  port.on('message', ({ data }) => {
    if (!isToCoreMessage(data)) {
      console.error('[core] ignored a malformed message');
      return;
    }
    switch (data.type) {
      case 'init': {
        if (initialized) return;
        initialized = true;
        const opened = openHost(data.config, deps);
        if (opened.ok) {
          host = opened.host;
          port.postMessage({ type: 'ready' });
        } else {
          // The main process shows the message and ends this process.
          port.postMessage({ type: 'fatal', error: opened.error });
        }
        return;
      }
      case 'invoke': {
        const { id, channel, input, sessionId } = data;
        if (!host) {
          port.postMessage({
            type: 'result',
            id,
            envelope: { ok: false, error: { code: 'INTERNAL', message: '数据服务尚未就绪，请稍后再试。' } },
          });
          return;
        }
        host.invoke(channel, input, sessionId).then(
          (envelope) => port.postMessage({ type: 'result', id, envelope }),
          (error: unknown) => {
            console.error('[core] invoke failed', error);
            port.postMessage({
              type: 'result',
              id,
              envelope: { ok: false, error: { code: 'INTERNAL', message: '程序内部错误，操作未完成。' } },
            });
          },
        );
        return;
      }
      case 'shutdown': {
        const closing = host;
        host = null;
        const done = closing?.shutdown ? closing.shutdown() : Promise.resolve(closing?.close());
        done
          .catch((error: unknown) => console.error('[core] shutdown failed', error))
          .finally(() => {
            try {
              closing?.close();
            } finally {
              deps.exit(0);
            }
          });
        return;
      }
    }
  });
}
