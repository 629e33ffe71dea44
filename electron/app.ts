/**
 * The desktop shell's lifecycle, wired from the pieces in this folder. Takes the
 * `electron` module as a parameter (main.ts passes the real one; tests a stand-in).
 */
import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { ApiErrorBody } from '../core/api';
import { APP_ENTRY_URL } from './appOrigin';
import { handleAppProtocol, registerAppScheme, type ProtocolLike } from './appProtocol';
import { CoreClient, type UtilityProcessLike } from './coreProcess/client';
import { resolveDataDir, type DataDirChoice } from './dataDir';
import { registerDialogRelay, type OpenDialogLike } from './dialogRelay';
import { registerInvokeRelay, type IpcMainLike } from './ipcRelay';
import { APP_NAME, installMenu } from './menu';
import { PrintDocumentStore } from './printDocuments';
import { registerPrintRelay, type PrintWebContentsLike, type PrintWindowOptions, type SaveDialogLike } from './printing';
import {
  hardenAllWebContents,
  hardenSession,
  secureWebPreferences,
  type SecureWebPreferences,
  type SessionLike,
  type WebContentsLike,
} from './security';
import {
  loadWindowState,
  MIN_SIZE,
  restoreBounds,
  trackWindowState,
  type Rectangle,
  type ScreenLike,
  type TrackedWindowLike,
} from './windowState';

export interface BrowserWindowOptionsLike extends Rectangle {
  title: string;
  show: boolean;
  minWidth: number;
  minHeight: number;
  backgroundColor: string;
  webPreferences: SecureWebPreferences;
}

export interface MainWindowLike extends TrackedWindowLike {
  loadURL(url: string): Promise<void>;
  once(event: 'ready-to-show', listener: () => void): unknown;
  on(event: 'closed', listener: () => void): unknown;
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  show(): void;
  focus(): void;
  restore(): void;
  maximize(): void;
  destroy(): void;
  isDestroyed(): boolean;
}

export interface PreventableEvent {
  preventDefault(): void;
}

export interface AppLike {
  readonly isPackaged: boolean;
  setName(name: string): void;
  getPath(name: 'userData' | 'appData'): string;
  setPath(name: 'userData', path: string): void;
  getVersion(): string;
  requestSingleInstanceLock(): boolean;
  whenReady(): Promise<unknown>;
  quit(): void;
  on(event: 'second-instance', listener: (event: unknown, argv: string[]) => void): unknown;
  on(event: 'web-contents-created', listener: (event: unknown, contents: WebContentsLike) => void): unknown;
  on(event: 'window-all-closed' | 'activate', listener: () => void): unknown;
  on(event: 'will-quit', listener: (event: PreventableEvent) => void): unknown;
}

export interface ElectronLike {
  app: AppLike;
  /** The main window, and the hidden print windows (electron/printing.ts). */
  BrowserWindow: new (options: BrowserWindowOptionsLike | PrintWindowOptions) => MainWindowLike & {
    readonly webContents: PrintWebContentsLike;
  };
  Menu: {
    buildFromTemplate(template: MenuItemConstructorOptions[]): unknown;
    setApplicationMenu(menu: never): void;
  };
  dialog: {
    showErrorBox(title: string, content: string): void;
    showMessageBox(options: { type: 'info'; title: string; message: string; detail: string; buttons: string[] }): Promise<unknown>;
    /** Backups: choosing a folder or a backup file (electron/dialogRelay.ts). */
    showOpenDialog?: OpenDialogLike['showOpenDialog'];
    /** 保存PDF (electron/printing.ts). */
    showSaveDialog?: SaveDialogLike['showSaveDialog'];
  };
  ipcMain: IpcMainLike;
  protocol: ProtocolLike;
  session: { readonly defaultSession: SessionLike };
  screen: ScreenLike;
  shell: { openPath(path: string): Promise<string> };
  utilityProcess: {
    fork(modulePath: string, args: string[], options: { serviceName: string; env: NodeJS.ProcessEnv }): UtilityProcessLike;
  };
}

export interface StartOptions {
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  platform: NodeJS.Platform;
  /** Folder of the built main process (out/main): the core entry is beside it, the preload and renderer next to it. */
  mainDir: string;
  /** process.resourcesPath; null outside Electron. */
  resourcesPath: string | null;
  rendererDir?: string;
}

export interface ShellHandle {
  readonly dataDir: DataDirChoice;
  readonly core: CoreClient;
  /** Resolves once the app is ready and the main window exists (or startup failed). */
  readonly ready: Promise<void>;
  mainWindow(): MainWindowLike | null;
}

export const FATAL_TITLE = `${APP_NAME}无法启动`;

/**
 * Starts the shell. Returns null if another instance already runs (this one quits and
 * the other focuses its window).
 */
export function startApp(electron: ElectronLike, options: StartOptions): ShellHandle | null {
  const { app } = electron;
  app.setName(APP_NAME);

  const dataDir = resolveDataDir(options.argv, options.env, options.cwd, () => app.getPath('appData'));
  if (dataDir.source !== 'default') {
    // Chromium's own profile (and with it the single-instance lock) goes with the data
    // folder, so two data folders can run side by side but never one folder twice.
    app.setPath('userData', path.join(dataDir.dir, 'electron-profile'));
  }

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }

  const isDev = !app.isPackaged;
  const preload = path.join(options.mainDir, '..', 'preload', 'index.js');
  const rendererDir = options.rendererDir ?? path.join(options.mainDir, '..', 'renderer');
  let mainWindow: MainWindowLike | null = null;
  let quitting = false;

  registerAppScheme(electron.protocol); // must happen before 'ready'
  hardenAllWebContents(app);

  const focusMainWindow = () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  };
  app.on('second-instance', focusMainWindow);

  const onFatal = (error: ApiErrorBody) => {
    if (quitting) return;
    quitting = true;
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.destroy();
    electron.dialog.showErrorBox(FATAL_TITLE, `${error.message}\n\n数据文件夹：${dataDir.dir}`);
    app.quit();
  };

  const core = new CoreClient({
    fork: () =>
      electron.utilityProcess.fork(path.join(options.mainDir, 'coreProcess.js'), [], {
        serviceName: `${APP_NAME}数据服务`,
        env: options.env,
      }),
    config: { dataDir: dataDir.dir, version: app.getVersion(), resourcesPath: options.resourcesPath },
    onFatal,
  });
  registerInvokeRelay(electron.ipcMain, core);
  const { showOpenDialog } = electron.dialog;
  if (showOpenDialog) registerDialogRelay(electron.ipcMain, { showOpenDialog: showOpenDialog.bind(electron.dialog) }, () => mainWindow);
  // Printing: documents of running jobs are served to the hidden print windows over app://.
  const printDocuments = new PrintDocumentStore();
  const { showSaveDialog } = electron.dialog;
  const printService = registerPrintRelay(electron.ipcMain, {
    core,
    documents: printDocuments,
    createWindow: (printOptions) => new electron.BrowserWindow(printOptions),
    dialog: showSaveDialog ? { showSaveDialog: showSaveDialog.bind(electron.dialog) } : null,
    parentWindow: () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null),
  });

  const createMainWindow = (): MainWindowLike => {
    const saved = loadWindowState(dataDir.dir);
    const bounds = restoreBounds(saved?.bounds ?? null, electron.screen);
    const window = new electron.BrowserWindow({
      title: APP_NAME,
      show: false,
      ...bounds,
      minWidth: MIN_SIZE.width,
      minHeight: MIN_SIZE.height,
      backgroundColor: '#f5f5f5',
      webPreferences: secureWebPreferences({ preload, devTools: isDev }),
    });
    trackWindowState(window, dataDir.dir);
    window.once('ready-to-show', () => {
      if (saved?.isMaximized) window.maximize();
      window.show();
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
      // the hidden print window kept for the next job must not keep the app open
      printService.dispose();
    });
    window.loadURL(APP_ENTRY_URL).catch((error: unknown) => console.error('[main] could not load the UI', error));
    return window;
  };

  app.on('window-all-closed', () => app.quit());
  app.on('activate', () => {
    if (!mainWindow && !quitting && core.status !== 'fatal') mainWindow = createMainWindow();
  });

  let coreStopped = false;
  app.on('will-quit', (event) => {
    printService.dispose();
    if (coreStopped) return;
    event.preventDefault();
    quitting = true;
    // Up to 30 s: the on-exit automatic backup (core/backup) runs in the core process before it closes.
    core.stop(30_000).finally(() => {
      coreStopped = true;
      app.quit();
    });
  });

  const ready = app.whenReady().then(() => {
    hardenSession(electron.session.defaultSession, { allowDevtools: isDev });
    handleAppProtocol(electron.protocol, rendererDir, printDocuments);
    installMenu(electron.Menu as Parameters<typeof installMenu>[0], {
      isDev,
      isMac: options.platform === 'darwin',
      onAbout: () => {
        void electron.dialog.showMessageBox({
          type: 'info',
          title: `关于${APP_NAME}`,
          message: `${APP_NAME} ${app.getVersion()}`,
          detail: `纪检监察廉政档案离线台账。\n数据文件夹：${dataDir.dir}`,
          buttons: ['确定'],
        });
      },
      onOpenDataDir: () => {
        void electron.shell.openPath(dataDir.dir);
      },
    });
    // The database opens while the window loads; the UI's first calls wait for it.
    core.start().catch(() => {
      // reported through onFatal
    });
    if (!quitting) mainWindow = createMainWindow();
  });

  return { dataDir, core, ready, mainWindow: () => mainWindow };
}
