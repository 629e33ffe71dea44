/**
 * The contract's channel names, as a plain list.
 *
 * Source of truth: `core/api.ts`. In the tests and in the main process this module
 * re-exports `CHANNELS` from there. For the sandboxed preload, electron.vite.config.ts
 * replaces this one module with the same list written out as string literals (computed
 * from core/api.ts at build time), so the preload bundle carries the allow-list
 * without zod and the schemas. Keep this file a bare re-export: the build swaps it
 * whole.
 */
import { CHANNELS } from '../core/api';

export const CONTRACT_CHANNELS: readonly string[] = CHANNELS;
