/**
 * What the preload puts on `window.qinglian` in the Electron shell. The renderer
 * imports this as a type only (`import type { QinglianBridge } from './preloadApi'`);
 * nothing here may pull in Node or Electron at run time.
 */
import type { Channel, Envelope, Input, Result } from '../core/api';
import type { PrintJob, ShellInput, ShellOutput } from './shellContract';

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
  /**
   * Printing in the desktop shell (`qinglian:print`, electron/printing.ts): the main
   * process asks the core for the document (letters.document or printouts.document, as this session), loads it
   * in a hidden window and opens the system print dialog, or saves it as PDF where the
   * clerk chooses in the save dialog. Resolves with `savedTo` (null after printing or a
   * cancel) or an error envelope with a Chinese message; never rejects. Optional in the
   * type: without it (other shells) the renderer prints its preview frame.
   * `{action: 'progress'}` while a PDF is being saved answers how far it is
   * (“正在生成PDF：第N页/共M页”), `{action: 'cancel'}` stops it (the job then ends CANCELLED).
   */
  printDocument?(job: PrintJob): Promise<Envelope<ShellOutput<'printDocument'>>>;
  /** Native chooser (dialog.showOpenDialog) for a backup folder or a backup file; null if cancelled. */
  choosePath(kind: ShellInput<'choosePath'>): Promise<ShellOutput<'choosePath'>>;
}

/** What printDocument takes (declared once, in the shell contract). */
export type { PrintJob };

/** The global name the bridge is exposed under (`window.qinglian`). */
export const BRIDGE_GLOBAL_NAME = 'qinglian';
