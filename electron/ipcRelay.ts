/**
 * The main process's only IPC endpoint: `qinglian:invoke`. It accepts calls only from
 * frames on app://qinglian/ and only for channels of the contract, and forwards them
 * to the core process. Input validation, sessions and roles are the core's job (the
 * renderer is untrusted either way); this is the first gate, not the only one.
 */
import type { Envelope } from '../core/api';
import { unknownChannel } from '../core/errors';
import { INVOKE_IPC_CHANNEL, isAllowedChannel } from './allowList';
import { isAppUrl } from './appOrigin';

export interface InvokeEventLike {
  /** The frame that sent the message; null if it has navigated away or been destroyed. */
  readonly senderFrame: { readonly url: string } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
}

export interface CoreInvoker {
  invoke(channel: string, input: unknown, sessionId: string | null): Promise<Envelope<unknown>>;
}

const MAX_SESSION_ID_LENGTH = 200;

export function relayInvoke(
  core: CoreInvoker,
  event: InvokeEventLike,
  channel: unknown,
  input: unknown,
  sessionId: unknown,
): Promise<Envelope<unknown>> {
  if (!isAppUrl(event.senderFrame?.url)) {
    console.warn(`[ipc] refused a call from ${String(event.senderFrame?.url ?? 'a destroyed frame').slice(0, 200)}`);
    return Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: '拒绝执行：请求不是来自本程序的页面。' } });
  }
  if (!isAllowedChannel(channel)) return Promise.resolve({ ok: false, error: unknownChannel(channel).toBody() });
  if (sessionId !== undefined && sessionId !== null && (typeof sessionId !== 'string' || sessionId.length > MAX_SESSION_ID_LENGTH)) {
    return Promise.resolve({ ok: false, error: { code: 'UNAUTHENTICATED', message: '登录已失效，请重新登录。' } });
  }
  return core.invoke(channel, input ?? {}, sessionId ?? null);
}

export function registerInvokeRelay(ipcMain: IpcMainLike, core: CoreInvoker): void {
  ipcMain.handle(INVOKE_IPC_CHANNEL, (event, channel, input, sessionId) => relayInvoke(core, event, channel, input, sessionId));
}
