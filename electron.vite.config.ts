/**
 * Builds the Electron main process (out/main/index.js, out/main/coreProcess.js) and the
 * preload (out/preload/index.js), all CommonJS. The renderer is not built here: it is
 * built by `vite build --config renderer/vite.config.ts` into out/renderer, which the
 * main process serves over app://qinglian/.
 */
import path from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CHANNELS } from './core/api';
import { SHELL_ALLOW_LIST } from './electron/shellContract';

const root = __dirname;

/** Modules that re-export an allow-list derived from zod schemas, and that list as literal source. */
const AS_LITERALS: ReadonlyMap<string, string> = new Map([
  // the contract's channels (core/api.ts)
  [path.resolve(root, 'electron/contractChannels.ts'), `export const CONTRACT_CHANNELS = Object.freeze(${JSON.stringify(CHANNELS)});\n`],
  // the shell's side channels (electron/shellContract.ts)
  [
    path.resolve(root, 'electron/shellChannels.ts'),
    `export const SHELL_ALLOW_LIST = Object.freeze(${JSON.stringify(SHELL_ALLOW_LIST)});\n`,
  ],
]);

/**
 * Replaces electron/contractChannels.ts and electron/shellChannels.ts (re-exports of lists
 * derived from core/api.ts and electron/shellContract.ts) with the same lists as literals,
 * computed right now. The preload and the IPC relay thus carry the allow-lists without
 * bundling zod and every schema.
 */
function contractChannelsAsLiterals(): Plugin {
  return {
    name: 'qinglian:contract-channels-as-literals',
    enforce: 'pre',
    load(id) {
      return AS_LITERALS.get(path.resolve(id.split('?')[0] ?? id)) ?? null;
    },
  };
}

export default defineConfig({
  main: {
    plugins: [contractChannelsAsLiterals()],
    build: {
      outDir: 'out/main',
      emptyOutDir: true,
      // Bundle our code and pure-JS dependencies; keep the native module out (its .node
      // file cannot be bundled, and Electron loads its own build of it, see
      // electron/coreProcess/nativeBinding.ts).
      externalizeDeps: false,
      rolldownOptions: {
        input: {
          index: path.resolve(root, 'electron/main.ts'),
          coreProcess: path.resolve(root, 'electron/coreProcess/entry.ts'),
          // The backup coprocessor's worker thread (core/backup/coprocessor.ts finds it beside the core process).
          coprocessorWorker: path.resolve(root, 'core/backup/coprocessorWorker.ts'),
        },
        external: ['better-sqlite3'],
        output: { format: 'cjs', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
      },
    },
  },
  preload: {
    plugins: [contractChannelsAsLiterals()],
    build: {
      outDir: 'out/preload',
      emptyOutDir: true,
      // A sandboxed preload can require nothing but 'electron': bundle everything into one file.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: path.resolve(root, 'electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].js', codeSplitting: false },
      },
    },
  },
});
