/**
 * Renderer build: `npx vite build --config renderer/vite.config.ts` → out/renderer.
 *
 * base './' so the same files work over http://127.0.0.1 (browser mode, e2e) and from
 * Electron's app://qinglian/ protocol. The output has no inline script and no eval, so it
 * runs under the strict CSP (script-src 'self').
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY_META } from '../core/config/contentSecurityPolicy';

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../out/renderer', import.meta.url));

/** Same policy the hosts send as a header; also in a meta tag as a second line of defence (build only: dev needs inline HMR code). */
const CSP_META = CONTENT_SECURITY_POLICY_META;

function hardenIndexHtml(): Plugin {
  return {
    name: 'qinglian-harden-index-html',
    apply: 'build',
    transformIndexHtml(html) {
      return (
        html
          // Same-origin assets need no CORS mode; custom protocols (app://) may not answer CORS at all.
          .replace(/\s+crossorigin(="[^"]*")?/g, '')
          .replace(
            '<meta charset="UTF-8" />',
            `<meta charset="UTF-8" />\n    <meta http-equiv="Content-Security-Policy" content="${CSP_META}" />`,
          )
      );
    },
  };
}

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react(), hardenIndexHtml()],
  build: {
    outDir,
    emptyOutDir: true,
    // Browser mode may run in the newest Chrome/Edge a Windows 7 PC can have (109).
    target: ['chrome109', 'edge109', 'firefox115'],
    modulePreload: { polyfill: false },
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
  },
  server: { port: 5173, strictPort: false },
});
