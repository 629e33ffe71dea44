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

const root = __dirname;
const contractChannelsModule = path.resolve(root, 'electron/contractChannels.ts');

/**
 * Replaces electron/contractChannels.ts (a re-export of CHANNELS from core/api.ts) with
 * the same list as literals, computed from core/api.ts right now. The preload and the
 * IPC relay thus carry the contract's allow-list without bundling zod and every schema.
 */
function contractChannelsAsLiterals(): Plugin {
  return {
    name: 'qinglian:contract-channels-as-literals',
    enforce: 'pre',
    load(id) {
      if (path.resolve(id.split('?')[0] ?? id) !== contractChannelsModule) return null;
      return `export const CONTRACT_CHANNELS = Object.freeze(${JSON.stringify(CHANNELS)});\n`;
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
