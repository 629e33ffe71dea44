/**
 * Hardening applied to every window, web contents and session of the app. Each piece
 * takes the Electron object it configures as a parameter, so the tests can hand in a
 * stand-in and check what was set.
 */
import { CONTENT_SECURITY_POLICY } from '../core/config/contentSecurityPolicy';
import { APP_SCHEME, isAppUrl } from './appOrigin';

/** Content-Security-Policy of everything served from app://qinglian/: the UI's one policy (see core/config/contentSecurityPolicy.ts). */
export { CONTENT_SECURITY_POLICY };

/** Headers sent with every app:// response. */
export function securityHeaders(): Record<string, string> {
  return {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cache-Control': 'no-cache',
  };
}

export interface SecureWebPreferences {
  contextIsolation: true;
  sandbox: true;
  nodeIntegration: false;
  nodeIntegrationInWorker: false;
  nodeIntegrationInSubFrames: false;
  webSecurity: true;
  allowRunningInsecureContent: false;
  experimentalFeatures: false;
  webviewTag: false;
  navigateOnDragDrop: false;
  /** Offline machines: the Linux spellchecker would try to download dictionaries. */
  spellcheck: false;
  safeDialogs: true;
  devTools: boolean;
  preload?: string;
  backgroundThrottling?: boolean;
}

/** The webPreferences every BrowserWindow of the app is created with. */
export function secureWebPreferences(options: {
  preload?: string;
  devTools: boolean;
  backgroundThrottling?: boolean;
}): SecureWebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
    devTools: options.devTools,
    ...(options.preload ? { preload: options.preload } : {}),
    ...(options.backgroundThrottling === undefined ? {} : { backgroundThrottling: options.backgroundThrottling }),
  };
}

// ---------------------------------------------------------------------------------
// Web contents: navigation, new windows, <webview>

interface PreventableEvent {
  preventDefault(): void;
}
/** Navigation events carry the target as `event.url` (Electron ≥ 25) and as the 2nd argument. */
type NavigationListener = (event: PreventableEvent & { url?: string }, url?: string) => void;

/** The parts of a WebContents the hardening touches. */
export interface WebContentsLike {
  on(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', listener: NavigationListener): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void;
}

export interface HardeningLog {
  warn(message: string): void;
}

const consoleLog: HardeningLog = { warn: (message) => console.warn(`[security] ${message}`) };

function shortUrl(url: unknown): string {
  return String(url).slice(0, 200);
}

/**
 * Keeps a web contents on the app's origin: navigations and redirects elsewhere are
 * cancelled, window.open is refused, <webview> cannot be attached. External links are
 * not handed to the system browser either: this is an offline records tool, and
 * opening arbitrary URLs from the page would be a way out of the sandbox.
 */
export function hardenWebContents(contents: WebContentsLike, log: HardeningLog = consoleLog): void {
  const guard: NavigationListener = (event, url) => {
    const target = event.url ?? url;
    if (!isAppUrl(target)) {
      event.preventDefault();
      log.warn(`blocked navigation to ${shortUrl(target)}`);
    }
  };
  contents.on('will-navigate', guard);
  contents.on('will-frame-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log.warn('blocked <webview>');
  });
  contents.setWindowOpenHandler(({ url }) => {
    log.warn(`blocked window.open(${shortUrl(url)})`);
    return { action: 'deny' };
  });
}

/** The parts of Electron's `app` used to harden every web contents as it is created. */
export interface WebContentsCreatedSource {
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
}

export function hardenAllWebContents(app: WebContentsCreatedSource, log: HardeningLog = consoleLog): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, log));
}

// ---------------------------------------------------------------------------------
// Sessions: permissions and requests

export interface BeforeRequestDetails {
  url: string;
}

/** The parts of a Session the hardening touches. */
export interface SessionLike {
  setPermissionRequestHandler(handler: (webContents: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void;
  setSpellCheckerEnabled?(enabled: boolean): void;
  webRequest: {
    onBeforeRequest(listener: (details: BeforeRequestDetails, callback: (response: { cancel?: boolean }) => void) => void): void;
  };
}

/**
 * Which requests the renderer may make: the app's own origin, plus in-page data:/blob:
 * URLs (images, generated files) and, when devtools are enabled, devtools:. Everything
 * else — http(s), ws(s), file, ftp, other hosts on app: — is cancelled.
 */
export function isAllowedRequest(url: string, options: { allowDevtools: boolean }): boolean {
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return false;
  }
  if (protocol === `${APP_SCHEME}:`) return isAppUrl(url);
  if (protocol === 'data:' || protocol === 'blob:') return true;
  if (protocol === 'devtools:') return options.allowDevtools;
  return false;
}

/** Denies every permission and cancels every request that leaves the app. */
export function hardenSession(session: SessionLike, options: { allowDevtools: boolean }, log: HardeningLog = consoleLog): void {
  session.setPermissionRequestHandler((_webContents, permission, callback) => {
    log.warn(`denied permission request: ${permission}`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.setSpellCheckerEnabled?.(false);
  session.webRequest.onBeforeRequest((details, callback) => {
    if (isAllowedRequest(details.url, options)) {
      callback({});
    } else {
      log.warn(`cancelled request to ${shortUrl(details.url)}`);
      callback({ cancel: true });
    }
  });
}
