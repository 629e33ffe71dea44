/**
 * Messages between the main process and the core process (utilityProcess).
 *
 *   main → core   { type: 'init', config }            once, right after the fork
 *   core → main   { type: 'ready' }                   the database is open
 *               | { type: 'fatal', error }            it could not be opened; the process exits
 *   main → core   { type: 'invoke', id, channel, input, sessionId }
 *   core → main   { type: 'result', id, envelope }    exactly one per invoke
 *   main → core   { type: 'shutdown' }                close the database and exit
 *
 * Everything crosses by structured clone; no functions, no class instances.
 */
import type { ApiErrorBody, Envelope } from '../../core/api';

export interface CoreInitConfig {
  dataDir: string;
  version: string;
  /** process.resourcesPath of the app; where a packaged build keeps native/better_sqlite3.node. */
  resourcesPath: string | null;
}

export interface InitMessage {
  type: 'init';
  config: CoreInitConfig;
}
export interface InvokeMessage {
  type: 'invoke';
  id: number;
  channel: string;
  input: unknown;
  sessionId: string | null;
}
export interface ShutdownMessage {
  type: 'shutdown';
}
export type ToCoreMessage = InitMessage | InvokeMessage | ShutdownMessage;

export interface ReadyMessage {
  type: 'ready';
}
export interface FatalMessage {
  type: 'fatal';
  error: ApiErrorBody;
}
export interface ResultMessage {
  type: 'result';
  id: number;
  envelope: Envelope<unknown>;
}
export type FromCoreMessage = ReadyMessage | FatalMessage | ResultMessage;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

export function isFromCoreMessage(value: unknown): value is FromCoreMessage {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'fatal':
      return isObject(value.error) && typeof value.error.code === 'string' && typeof value.error.message === 'string';
    case 'result':
      return typeof value.id === 'number' && isObject(value.envelope) && typeof value.envelope.ok === 'boolean';
    default:
      return false;
  }
}

export function isToCoreMessage(value: unknown): value is ToCoreMessage {
  if (!isObject(value)) return false;
  switch (value.type) {
    case 'init':
      return isObject(value.config) && typeof value.config.dataDir === 'string' && typeof value.config.version === 'string';
    case 'invoke':
      return (
        typeof value.id === 'number' &&
        typeof value.channel === 'string' &&
        (value.sessionId === null || typeof value.sessionId === 'string')
      );
    case 'shutdown':
      return true;
    default:
      return false;
  }
}
