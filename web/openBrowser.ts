import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Chromium-family browsers that have an app mode (--app), in order of preference. */
export function browserCandidates(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string[] {
  if (platform === 'win32') {
    const roots = [env['PROGRAMFILES(X86)'], env.PROGRAMFILES, env.LOCALAPPDATA].filter((r): r is string => !!r);
    return roots.flatMap((r) => [
      path.join(r, 'Microsoft', 'Edge', 'Application', 'msedge.exe'),
      path.join(r, 'Google', 'Chrome', 'Application', 'chrome.exe'),
      path.join(r, 'Chromium', 'Application', 'chrome.exe'),
    ]);
  }
  if (platform === 'darwin') {
    return [
      '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
      '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
      '/Applications/Chromium.app/Contents/MacOS/Chromium',
    ];
  }
  // Linux incl. UOS/Kylin, whose own browsers are Chromium-based.
  return [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
    '/usr/bin/microsoft-edge',
    '/usr/bin/browser360-cn-stable',
    '/usr/bin/qaxbrowser-safe-stable',
  ];
}

export function findBrowser(exists: (p: string) => boolean = fs.existsSync): string | null {
  return browserCandidates().find((p) => exists(p)) ?? null;
}

/** The browser's arguments: what every local user can read in the process list, so never the token (web/handover.ts). */
export function appModeArgs(address: string, profileDir: string): string[] {
  return [
    `--app=${address}`,
    `--user-data-dir=${profileDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
  ];
}

/** Opens the address in a separate app-mode window with its own profile under the data folder. Returns the browser used, or null. */
export function openInAppMode(address: string, profileDir: string): string | null {
  const browser = findBrowser();
  if (!browser) return null;
  const child = spawn(browser, appModeArgs(address, profileDir), { detached: true, stdio: 'ignore' });
  child.on('error', () => undefined);
  child.unref();
  return browser;
}
