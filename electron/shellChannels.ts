/**
 * The preload's allow-list for the shell's side channels, derived from the shell contract
 * (electron/shellContract.ts). In the tests and the main process this module re-exports it;
 * for the sandboxed preload, electron.vite.config.ts replaces this one module with the same
 * object written out as literals (computed at build time), so the preload carries the
 * allow-list without zod and the schemas. Keep this file a bare re-export: the build swaps it whole.
 */
export { SHELL_ALLOW_LIST } from './shellContract';
