/**
 * Native file and folder choosers for the renderer (backups: 保存到文件夹, 备份文件):
 * `qinglian:choose-path` → dialog.showOpenDialog on the main window. Only our own pages may ask;
 * the request names a kind, never a path or options of the renderer's choosing.
 */
import { CHOOSE_PATH_IPC_CHANNEL } from './allowList';
import { isAppUrl } from './appOrigin';
import type { IpcMainLike } from './ipcRelay';
import { chooseKindSchema, type ChooseKind } from './shellContract';

export interface OpenDialogLike {
  showOpenDialog(
    window: unknown,
    options: { title: string; properties: string[]; filters?: { name: string; extensions: string[] }[]; defaultPath?: string },
  ): Promise<{ canceled: boolean; filePaths: string[] }>;
}

export function dialogOptions(kind: ChooseKind) {
  return kind === 'folder'
    ? { title: '选择备份文件夹（如 U 盘）', properties: ['openDirectory', 'createDirectory'] }
    : { title: '选择备份文件', properties: ['openFile'], filters: [{ name: '清廉台账备份', extensions: ['qlbak'] }] };
}

export async function choosePath(
  dialog: OpenDialogLike,
  window: unknown,
  senderUrl: string | undefined,
  kind: unknown,
): Promise<string | null> {
  if (!isAppUrl(senderUrl)) return null;
  const valid = chooseKindSchema.safeParse(kind);
  if (!valid.success) return null;
  const result = await dialog.showOpenDialog(window, dialogOptions(valid.data));
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

export function registerDialogRelay(ipcMain: IpcMainLike, dialog: OpenDialogLike, mainWindow: () => unknown): void {
  ipcMain.handle(CHOOSE_PATH_IPC_CHANNEL, (event, kind) => choosePath(dialog, mainWindow(), event.senderFrame?.url, kind));
}
