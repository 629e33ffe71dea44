/**
 * A stand-in for the `electron` module, for unit tests on plain Node (the Electron
 * binary cannot be downloaded on our build machines). It records what the shell
 * configures and lets tests fire the events Electron would fire. It implements only
 * what electron/ uses, with the same names and call shapes.
 */
import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';
import type { BrowserWindowOptionsLike, ElectronLike, MainWindowLike, PreventableEvent } from '../app';
import type { UtilityProcessLike } from '../coreProcess/client';
import type { ToCoreMessage } from '../coreProcess/protocol';
import type { InvokeEventLike } from '../ipcRelay';
import type { PrintWindowOptions, SaveDialogOptions } from '../printing';
import type { BeforeRequestDetails } from '../security';
import type { Rectangle } from '../windowState';

export class FakeEvent implements PreventableEvent {
  defaultPrevented = false;
  constructor(readonly url?: string) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/** What a page answers to the print-related calls; tests replace parts of it. */
export interface WebContentsBehaviour {
  /** Result of executeJavaScript (the page's side). Default: undefined. */
  executeJavaScript(code: string, contents: FakeWebContents): unknown;
  /** The system print dialog and the print job. Default: printed. */
  print(
    options: Record<string, unknown>,
    contents: FakeWebContents,
  ): { success: boolean; failureReason: string } | Promise<{ success: boolean; failureReason: string }>;
  /** The PDF. Default: a few bytes starting with %PDF-. */
  printToPDF(options: Record<string, unknown>, contents: FakeWebContents): Uint8Array | Promise<Uint8Array>;
}

export const DEFAULT_WEB_CONTENTS_BEHAVIOUR: WebContentsBehaviour = {
  executeJavaScript: () => undefined,
  print: () => ({ success: true, failureReason: '' }),
  printToPDF: () => new TextEncoder().encode('%PDF-1.7\n% stand-in\n%%EOF\n'),
};

/** What Chromium got when a window loaded a URL through a registered protocol handler. */
export interface FakeLoadedPage {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A printToPDF call: the options as passed, and the margins Electron would really use (inches; 0.4 where not given). */
export interface FakePdfCall {
  options: Record<string, unknown>;
  effectiveMargins: { top: number; bottom: number; left: number; right: number };
}

const PAGE_SIZES = ['A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'Legal', 'Letter', 'Tabloid', 'Ledger'];

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: 'deny' } | { action: 'allow' }) | null = null;
  destroyed = false;
  /** Set once the window's loadURL went through a protocol handler. */
  loadedPage: FakeLoadedPage | null = null;
  readonly scripts: string[] = [];
  readonly printCalls: Record<string, unknown>[] = [];
  readonly pdfCalls: FakePdfCall[] = [];
  constructor(private readonly behaviour: WebContentsBehaviour = DEFAULT_WEB_CONTENTS_BEHAVIOUR) {
    super();
  }
  private assertAlive(): void {
    // Electron: any call on the web contents of a destroyed window throws.
    if (this.destroyed) throw new TypeError('Object has been destroyed');
  }
  executeJavaScript(code: string): Promise<unknown> {
    this.assertAlive();
    this.scripts.push(code);
    return Promise.resolve().then(() => this.behaviour.executeJavaScript(code, this));
  }
  /** Like Electron ≥ 42: throws without pageSize or usePrinterDefaultPageSize, or with both. */
  print(options: Record<string, unknown> = {}, callback?: (success: boolean, failureReason: string) => void): void {
    this.assertAlive();
    if (options.pageSize !== undefined && options.usePrinterDefaultPageSize)
      throw new Error('usePrinterDefaultPageSize cannot be combined with pageSize');
    if (options.pageSize === undefined && !options.usePrinterDefaultPageSize)
      throw new Error('Invalid print settings: pageSize is required');
    if (typeof options.pageSize === 'string' && !PAGE_SIZES.slice(0, -1).includes(options.pageSize))
      throw new Error(`Unsupported pageSize: ${options.pageSize}`);
    this.printCalls.push(structuredClone(options));
    void Promise.resolve(this.behaviour.print(options, this)).then(({ success, failureReason }) => callback?.(success, failureReason));
  }
  /** Like Electron ≥ 21: margins in inches (top/bottom/left/right, 0.4 each by default); unknown keys ignored. */
  printToPDF(options: Record<string, unknown>): Promise<Uint8Array> {
    this.assertAlive();
    const pageSize = options.pageSize ?? 'Letter';
    if (typeof pageSize === 'string' && !PAGE_SIZES.includes(pageSize)) return Promise.reject(new Error(`Invalid pageSize ${pageSize}`));
    const margins = (options.margins ?? {}) as Record<string, unknown>;
    const side = (key: 'top' | 'bottom' | 'left' | 'right') => {
      const value = margins[key];
      if (value === undefined) return 0.4;
      if (typeof value !== 'number' || value < 0) throw new Error(`margins.${key} must be a non-negative number`);
      return value;
    };
    try {
      this.pdfCalls.push({
        options: structuredClone(options),
        effectiveMargins: { top: side('top'), bottom: side('bottom'), left: side('left'), right: side('right') },
      });
    } catch (error) {
      return Promise.reject(error);
    }
    return Promise.resolve().then(() => this.behaviour.printToPDF(options, this));
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' } | { action: 'allow' }): void {
    this.windowOpenHandler = handler;
  }
  /** Fires a navigation event the way Electron does; returns whether it was prevented. */
  fire(event: 'will-navigate' | 'will-redirect' | 'will-frame-navigate', url: string): boolean {
    const e = new FakeEvent(url);
    if (event === 'will-frame-navigate') this.emit(event, e);
    else this.emit(event, e, url);
    return e.defaultPrevented;
  }
  attachWebview(): boolean {
    const e = new FakeEvent();
    this.emit('will-attach-webview', e, { nodeIntegration: true }, { src: 'https://example.com' });
    return e.defaultPrevented;
  }
  windowOpen(url: string): { action: string } {
    if (!this.windowOpenHandler) return { action: 'allow' }; // Electron's default
    return this.windowOpenHandler({ url });
  }
}

export interface PermissionAnswer {
  permission: string;
  granted: boolean | undefined;
}

export class FakeSession {
  permissionRequestHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;
  permissionCheckHandler: ((wc: unknown, permission: string) => boolean) | null = null;
  beforeRequest: ((details: BeforeRequestDetails, callback: (response: { cancel?: boolean }) => void) => void) | null = null;
  spellChecker = true;
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler;
  }
  setSpellCheckerEnabled(enabled: boolean): void {
    this.spellChecker = enabled;
  }
  webRequest = {
    onBeforeRequest: (listener: FakeSession['beforeRequest']) => {
      this.beforeRequest = listener;
    },
  };
  /** Asks the permission handler like Chromium would; `granted` stays undefined if it never answers. */
  requestPermission(permission: string): PermissionAnswer {
    const answer: PermissionAnswer = { permission, granted: undefined };
    if (!this.permissionRequestHandler) return { permission, granted: true }; // Electron's default: granted
    this.permissionRequestHandler({}, permission, (granted) => {
      answer.granted = granted;
    });
    return answer;
  }
  checkPermission(permission: string): boolean {
    return this.permissionCheckHandler ? this.permissionCheckHandler({}, permission) : true;
  }
  /** Runs a request through onBeforeRequest; returns 'cancel' or 'allow'. */
  request(url: string): 'cancel' | 'allow' {
    if (!this.beforeRequest) return 'allow';
    let result: 'cancel' | 'allow' | undefined;
    this.beforeRequest({ url }, (response) => {
      result = response.cancel ? 'cancel' : 'allow';
    });
    if (!result) throw new Error(`onBeforeRequest did not answer for ${url}`);
    return result;
  }
}

export class FakeIpcMain {
  readonly handlers = new Map<string, (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>>();
  handle(channel: string, listener: (event: InvokeEventLike, ...args: unknown[]) => Promise<unknown>): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  /** What ipcRenderer.invoke(channel, ...args) from a frame at `frameUrl` would get. */
  invoke(channel: string, frameUrl: string | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return handler({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args);
  }
}

export class FakeUtilityProcess extends EventEmitter implements UtilityProcessLike {
  readonly sent: ToCoreMessage[] = [];
  killed = false;
  constructor(
    readonly modulePath: string,
    readonly options: unknown,
  ) {
    super();
  }
  postMessage(message: ToCoreMessage): void {
    this.sent.push(structuredClone(message));
    this.emit('sent', message);
  }
  kill(): boolean {
    if (this.killed) return false;
    this.killed = true;
    setImmediate(() => this.emit('exit', 0));
    return true;
  }
  /** The child says something (as process.parentPort.postMessage would). */
  reply(message: unknown): void {
    this.emit('message', structuredClone(message));
  }
  crash(code = 1): void {
    this.emit('exit', code);
  }
}

export interface FakeDisplay {
  workArea: Rectangle;
}

export interface FakeElectronOptions {
  isPackaged?: boolean;
  /** What requestSingleInstanceLock returns: false means another instance holds it. */
  gotLock?: boolean;
  userData?: string;
  displays?: FakeDisplay[];
  /** Creates the child for utilityProcess.fork; default a bare FakeUtilityProcess. */
  fork?: (modulePath: string, options: unknown) => UtilityProcessLike;
  /** How pages answer executeJavaScript / print / printToPDF. */
  webContents?: Partial<WebContentsBehaviour>;
  /** What dialog.showSaveDialog answers; default cancelled. */
  saveDialog?: (options: SaveDialogOptions) => { canceled: boolean; filePath?: string } | Promise<{ canceled: boolean; filePath?: string }>;
}

export type FakeElectron = ReturnType<typeof createFakeElectron>;

export function createFakeElectron(options: FakeElectronOptions = {}) {
  const calls: string[] = [];
  let readyResolve: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => {
    readyResolve = resolve;
  });
  let ready = false;

  class FakeApp extends EventEmitter {
    readonly isPackaged = options.isPackaged ?? true;
    name = 'qinglian-ledger';
    readonly paths = new Map<string, string>([
      ['userData', options.userData ?? '/home/clerk/.config/清廉台账'],
      ['appData', '/home/clerk/.config'],
    ]);
    quitCount = 0;
    quitted = false;
    lockRequested = false;
    setName(name: string): void {
      calls.push('app.setName');
      this.name = name;
    }
    getPath(name: 'userData' | 'appData'): string {
      return this.paths.get(name)!;
    }
    setPath(name: 'userData', value: string): void {
      if (ready) throw new Error('setPath(userData) after ready has no effect');
      if (this.lockRequested) throw new Error('setPath(userData) after requestSingleInstanceLock: the lock uses the old folder');
      this.paths.set(name, value);
    }
    getVersion(): string {
      return '0.1.0';
    }
    requestSingleInstanceLock(): boolean {
      calls.push('app.requestSingleInstanceLock');
      this.lockRequested = true;
      return options.gotLock ?? true;
    }
    whenReady(): Promise<void> {
      return readyPromise;
    }
    /** Like Electron: emits will-quit; if nobody prevents it, the app is gone. */
    quit(): void {
      calls.push('app.quit');
      this.quitCount++;
      const event = new FakeEvent();
      this.emit('will-quit', event);
      if (!event.defaultPrevented) this.quitted = true;
    }
  }
  const app = new FakeApp();

  const behaviour: WebContentsBehaviour = { ...DEFAULT_WEB_CONTENTS_BEHAVIOUR, ...options.webContents };

  class FakeBrowserWindow extends EventEmitter implements MainWindowLike {
    static readonly instances: FakeBrowserWindow[] = [];
    readonly webContents = new FakeWebContents(behaviour);
    loadedUrl: string | null = null;
    shown = false;
    focused = false;
    minimized = false;
    maximized = false;
    fullScreen = false;
    destroyed = false;
    bounds: Rectangle;
    constructor(readonly options: BrowserWindowOptionsLike | PrintWindowOptions) {
      super();
      if (!ready) throw new Error('Cannot create BrowserWindow before app is ready');
      calls.push('new BrowserWindow');
      const at = options as Partial<Rectangle>;
      this.bounds = { x: at.x ?? 0, y: at.y ?? 0, width: options.width, height: options.height };
      FakeBrowserWindow.instances.push(this);
      app.emit('web-contents-created', new FakeEvent(), this.webContents);
    }
    /**
     * Records the URL; if a protocol handler is registered for its scheme, requests it
     * like Chromium would and keeps the response on webContents.loadedPage. Resolves
     * once that is done (did-finish-load).
     */
    loadURL(url: string): Promise<void> {
      if (this.destroyed) return Promise.reject(new TypeError('Object has been destroyed'));
      this.loadedUrl = url;
      const handler = protocol.handlers.get(url.split(':')[0] ?? '');
      if (!handler) return Promise.resolve();
      return Promise.resolve(handler(new Request(url))).then(async (response) => {
        this.webContents.loadedPage = {
          url,
          status: response.status,
          headers: Object.fromEntries(response.headers.entries()),
          body: await response.text(),
        };
      });
    }
    show(): void {
      this.shown = true;
      this.minimized = false;
    }
    focus(): void {
      this.focused = true;
    }
    restore(): void {
      this.minimized = false;
    }
    minimize(): void {
      this.minimized = true;
      this.focused = false;
    }
    maximize(): void {
      this.maximized = true;
      this.emit('maximize');
    }
    destroy(): void {
      if (this.destroyed) return;
      this.destroyed = true;
      this.webContents.destroyed = true;
      this.emit('closed');
    }
    isDestroyed(): boolean {
      return this.destroyed;
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    isMaximized(): boolean {
      return this.maximized;
    }
    isFullScreen(): boolean {
      return this.fullScreen;
    }
    getNormalBounds(): Rectangle {
      return { ...this.bounds };
    }
    setBounds(bounds: Rectangle): void {
      this.bounds = { ...bounds };
      this.emit('move');
      this.emit('resize');
    }
    close(): void {
      this.emit('close');
      this.destroy();
    }
  }

  const protocol = {
    privileged: [] as Array<{ scheme: string; privileges: Record<string, unknown> }>,
    handlers: new Map<string, (request: Request) => Response | Promise<Response>>(),
    registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: Record<string, unknown> }>): void {
      if (ready) throw new Error('registerSchemesAsPrivileged must be called before the app is ready');
      calls.push('protocol.registerSchemesAsPrivileged');
      protocol.privileged.push(...schemes);
    },
    handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
      if (!ready) throw new Error('protocol.handle before ready');
      protocol.handlers.set(scheme, handler);
    },
  };

  const defaultSession = new FakeSession();
  const ipcMain = new FakeIpcMain();
  const errorBoxes: Array<{ title: string; content: string }> = [];
  const messageBoxes: unknown[] = [];
  const openedPaths: string[] = [];
  const saveDialogs: Array<{ window: unknown; options: SaveDialogOptions }> = [];
  const menus: { template: MenuItemConstructorOptions[] | null } = { template: null };
  const forks: UtilityProcessLike[] = [];
  const displays: FakeDisplay[] = options.displays ?? [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];

  const electron = {
    app,
    BrowserWindow: FakeBrowserWindow,
    Menu: {
      buildFromTemplate(template: MenuItemConstructorOptions[]) {
        return { template };
      },
      setApplicationMenu(menu: { template: MenuItemConstructorOptions[] } | null) {
        menus.template = menu?.template ?? null;
      },
    },
    dialog: {
      showErrorBox(title: string, content: string) {
        errorBoxes.push({ title, content });
      },
      showMessageBox(opts: unknown) {
        messageBoxes.push(opts);
        return Promise.resolve({ response: 0 });
      },
      /** Electron ≥ 45 resolves { canceled, filePath } ('' when cancelled). */
      showSaveDialog(window: unknown, opts: SaveDialogOptions) {
        if (!ready) throw new Error('dialog before ready');
        saveDialogs.push({ window, options: structuredClone(opts) });
        return Promise.resolve(options.saveDialog ? options.saveDialog(opts) : { canceled: true, filePath: '' });
      },
    },
    ipcMain,
    protocol,
    session: { defaultSession },
    screen: {
      getAllDisplays: () => {
        if (!ready) throw new Error("The 'screen' module can't be used before the app 'ready' event");
        return displays;
      },
      getPrimaryDisplay: () => displays[0]!,
    },
    shell: {
      openPath(p: string) {
        openedPaths.push(p);
        return Promise.resolve('');
      },
    },
    utilityProcess: {
      fork(modulePath: string, _args: string[], forkOptions: unknown): UtilityProcessLike {
        if (!ready) throw new Error('utilityProcess cannot be created before app is ready');
        const child = options.fork ? options.fork(modulePath, forkOptions) : new FakeUtilityProcess(modulePath, forkOptions);
        forks.push(child);
        return child;
      },
    },
  } satisfies ElectronLike;

  return {
    electron,
    app,
    BrowserWindow: FakeBrowserWindow,
    protocol,
    defaultSession,
    ipcMain,
    errorBoxes,
    messageBoxes,
    openedPaths,
    saveDialogs,
    menus,
    forks,
    calls,
    /** Fires 'ready' and waits for the app's whenReady() continuations to run. */
    async emitReady(): Promise<void> {
      ready = true;
      readyResolve();
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
}
