/**
 * The zh-CN application menu. Built as a plain template so tests can read the labels;
 * `installMenu` hands it to Electron.
 */
import type { MenuItemConstructorOptions } from 'electron';

export const APP_NAME = '清廉台账';

export interface MenuOptions {
  /** Development build: adds reload and the developer tools. Never in a packaged app. */
  isDev: boolean;
  isMac: boolean;
  onAbout(): void;
  onOpenDataDir(): void;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const template: MenuItemConstructorOptions[] = [];
  if (options.isMac) {
    template.push({
      label: APP_NAME,
      submenu: [
        { label: `关于${APP_NAME}`, click: options.onAbout },
        { type: 'separator' },
        { role: 'hide', label: `隐藏${APP_NAME}` },
        { role: 'hideOthers', label: '隐藏其他' },
        { role: 'unhide', label: '全部显示' },
        { type: 'separator' },
        { role: 'quit', label: `退出${APP_NAME}` },
      ],
    });
  }
  template.push(
    {
      label: '文件',
      submenu: [
        { label: '打开数据文件夹', click: options.onOpenDataDir },
        { type: 'separator' },
        options.isMac ? { role: 'close', label: '关闭窗口' } : { role: 'quit', label: '退出' },
      ],
    },
    {
      label: '编辑',
      submenu: [
        { role: 'undo', label: '撤销' },
        { role: 'redo', label: '重做' },
        { type: 'separator' },
        { role: 'cut', label: '剪切' },
        { role: 'copy', label: '复制' },
        { role: 'paste', label: '粘贴' },
        { role: 'selectAll', label: '全选' },
      ],
    },
    {
      label: '视图',
      submenu: [
        ...(options.isDev
          ? ([
              { role: 'reload', label: '重新加载' },
              { role: 'forceReload', label: '强制重新加载' },
              { role: 'toggleDevTools', label: '开发者工具' },
              { type: 'separator' },
            ] satisfies MenuItemConstructorOptions[])
          : []),
        { role: 'resetZoom', label: '实际大小' },
        { role: 'zoomIn', label: '放大' },
        { role: 'zoomOut', label: '缩小' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: '全屏' },
      ],
    },
    {
      label: '窗口',
      submenu: [
        { role: 'minimize', label: '最小化' },
        ...(options.isMac
          ? ([
              { role: 'zoom', label: '缩放' },
              { type: 'separator' },
              { role: 'front', label: '前置全部窗口' },
            ] satisfies MenuItemConstructorOptions[])
          : ([{ role: 'close', label: '关闭' }] satisfies MenuItemConstructorOptions[])),
      ],
    },
    {
      role: 'help',
      label: '帮助',
      submenu: [{ label: `关于${APP_NAME}`, click: options.onAbout }],
    },
  );
  return template;
}

export interface MenuApi<M> {
  buildFromTemplate(template: MenuItemConstructorOptions[]): M;
  setApplicationMenu(menu: M | null): void;
}

export function installMenu<M>(Menu: MenuApi<M>, options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
