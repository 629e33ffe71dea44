/**
 * The preload's logic, kept apart from the entry (preload.ts) so tests can hand it a
 * stand-in for `contextBridge` and `ipcRenderer`.
 */
import type { Envelope } from '../core/api';
import { unknownChannel } from '../core/errors';
import { INVOKE_IPC_CHANNEL, isAllowedChannel } from './allowList';
import { BRIDGE_GLOBAL_NAME, type QinglianBridge } from './preloadApi';
import { SHELL_ALLOW_LIST } from './shellChannels';
import type { ShellAllowed } from './shellContract';

/** The parts of Electron's `ipcRenderer` the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
}

/** The parts of Electron's `contextBridge` the bridge uses. */
export interface ContextBridgeLike {
  exposeInMainWorld(apiKey: string, api: unknown): void;
}

function unknownChannelEnvelope(channel: unknown): Envelope<never> {
  return { ok: false, error: unknownChannel(channel).toBody() };
}

const printNotDelivered: Envelope<never> = { ok: false, error: { code: 'INTERNAL', message: '打印请求未能送达主程序，请重试。' } };

/**
 * What the preload passes on for a side channel, as the shell contract allows: only the
 * declared members of an object (a missing one as null), or one of a choice's values (else
 * nothing is sent). The main process validates the rest against the schemas.
 */
function sendAllowed(ipc: IpcRendererLike, allowed: ShellAllowed, input: unknown): Promise<unknown> | null {
  if (allowed.values) return typeof input === 'string' && allowed.values.includes(input) ? ipc.invoke(allowed.channel, input) : null;
  const given = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  return ipc.invoke(allowed.channel, Object.fromEntries((allowed.members ?? []).map((m) => [m, given[m] ?? null])));
}

export function createBridge(ipc: IpcRendererLike): QinglianBridge {
  const invoke = (channel: unknown, input: unknown, sessionId?: unknown): Promise<unknown> => {
    if (!isAllowedChannel(channel)) return Promise.reject(unknownChannelEnvelope(channel));
    return ipc.invoke(INVOKE_IPC_CHANNEL, channel, input ?? {}, sessionId ?? null);
  };
  // The file chooser takes a kind only; the main process builds the dialog (electron/dialogRelay.ts).
  const choosePath = (kind: unknown): Promise<unknown> => sendAllowed(ipc, SHELL_ALLOW_LIST.choosePath, kind) ?? Promise.resolve(null);
  // Printing: which document, print or pdf, and the session. The main process fetches the
  // document from the core itself and validates everything (electron/printing.ts).
  const printDocument = (job: unknown): Promise<unknown> =>
    (sendAllowed(ipc, SHELL_ALLOW_LIST.printDocument, job) ?? Promise.resolve(printNotDelivered)).catch(() => printNotDelivered);
  // Only these members cross into the page: no ipcRenderer, no generic send.
  return Object.freeze({ shell: 'electron', invoke, choosePath, printDocument }) as QinglianBridge;
}

export function exposeBridge(contextBridge: ContextBridgeLike, ipc: IpcRendererLike): void {
  contextBridge.exposeInMainWorld(BRIDGE_GLOBAL_NAME, createBridge(ipc));
}
