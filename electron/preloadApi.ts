/**
 * What the preload puts on `window.qinglian` in the Electron shell. The renderer
 * imports this as a type only (`import type { QinglianBridge } from '../electron/preloadApi'`);
 * nothing here may pull in Node or Electron at run time.
 */
import type { Channel, Envelope, Input, Result } from '../core/api';

export interface QinglianBridge {
  /** Which transport the renderer is talking to. */
  readonly shell: 'electron';
  /**
   * Runs one operation of the contract in the core process.
   *
   * Resolves with the core's envelope — `{ ok: true, value }` or `{ ok: false, error }`
   * (validation, permissions, a crashed core process: all arrive this way, with a
   * Chinese `error.message`).
   *
   * Rejects only for a programming error: a channel that is not in core/api.ts. The
   * rejection value is envelope-shaped too:
   * `{ ok: false, error: { code: 'UNKNOWN_CHANNEL', message } }`.
   */
  invoke<C extends Channel>(channel: C, input: Input<C>, sessionId?: string | null): Promise<Envelope<Result<C>>>;
}

/** The global name the bridge is exposed under (`window.qinglian`). */
export const BRIDGE_GLOBAL_NAME = 'qinglian';
