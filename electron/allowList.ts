import type { Channel } from '../core/api';
import { CONTRACT_CHANNELS } from './contractChannels';

const allowed: ReadonlySet<string> = new Set(CONTRACT_CHANNELS);

/** Whether `value` names an operation of the contract (core/api.ts). */
export function isAllowedChannel(value: unknown): value is Channel {
  return typeof value === 'string' && allowed.has(value);
}

/** The IPC channel the preload and the main process talk over. */
export const INVOKE_IPC_CHANNEL = 'qinglian:invoke';

/** Printing (electron/printing.ts): a document request and print/pdf, never HTML, URLs or paths. */
export const PRINT_IPC_CHANNEL = 'qinglian:print';
