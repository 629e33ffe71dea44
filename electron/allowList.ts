import type { Channel } from '../core/api';
import { CONTRACT_CHANNELS } from './contractChannels';
import { SHELL_ALLOW_LIST } from './shellChannels';

const allowed: ReadonlySet<string> = new Set(CONTRACT_CHANNELS);

/** Whether `value` names an operation of the contract (core/api.ts). */
export function isAllowedChannel(value: unknown): value is Channel {
  return typeof value === 'string' && allowed.has(value);
}

/** The IPC channel the preload and the main process talk over. */
export const INVOKE_IPC_CHANNEL = 'qinglian:invoke';

/** Printing (electron/printing.ts): a document request and print/pdf, never HTML, URLs or paths (shell contract). */
export const PRINT_IPC_CHANNEL = SHELL_ALLOW_LIST.printDocument.channel;
/** The native file chooser (electron/dialogRelay.ts): a kind, never a path (shell contract). */
export const CHOOSE_PATH_IPC_CHANNEL = SHELL_ALLOW_LIST.choosePath.channel;
