/**
 * Set-up and checks shared by the shell's tests (app, security, printing): how the app is
 * started on a test machine, and the one check of a window's hardened webPreferences
 * (electron/security.ts), which every window the shell opens must pass.
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import type { StartOptions } from '../app';
import type { SecureWebPreferences } from '../security';

/** startApp's options for a packaged-like Linux start in `base`, with its data in `dataDir`. */
export function startOptions(base: string, dataDir: string, rendererDir: string, overrides: Partial<StartOptions> = {}): StartOptions {
  return {
    argv: ['/opt/qinglian/qinglian', `--data-dir=${dataDir}`],
    env: {},
    cwd: base,
    platform: 'linux',
    mainDir: path.join(base, 'out', 'main'),
    resourcesPath: null,
    rendererDir,
    ...overrides,
  };
}

export interface HardenedExpectations {
  devTools: boolean;
  /** The preload's path; undefined: the window must have none (the print window). */
  preload?: string | undefined;
}

/** Isolation, sandbox, no Node anywhere, web security on, no webview; devtools and preload as expected. */
export function assertHardened(prefs: SecureWebPreferences, expected: HardenedExpectations, where = 'window'): void {
  assert.equal(prefs.contextIsolation, true, `${where}: contextIsolation`);
  assert.equal(prefs.sandbox, true, `${where}: sandbox`);
  assert.equal(prefs.nodeIntegration, false, `${where}: nodeIntegration`);
  assert.equal(prefs.nodeIntegrationInWorker, false, `${where}: nodeIntegrationInWorker`);
  assert.equal(prefs.nodeIntegrationInSubFrames, false, `${where}: nodeIntegrationInSubFrames`);
  assert.equal(prefs.webSecurity, true, `${where}: webSecurity`);
  assert.equal(prefs.allowRunningInsecureContent, false, `${where}: allowRunningInsecureContent`);
  assert.equal(prefs.webviewTag, false, `${where}: webviewTag`);
  assert.equal(prefs.devTools, expected.devTools, `${where}: devTools`);
  assert.equal(prefs.preload, expected.preload, `${where}: preload`);
}
