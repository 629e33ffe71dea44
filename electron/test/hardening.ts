/**
 * The one check of a window's hardened webPreferences (electron/security.ts), shared by the
 * security, app and printing tests: every window the shell opens must pass it.
 */
import assert from 'node:assert/strict';
import type { SecureWebPreferences } from '../security';

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
