/**
 * Preload of the main window. Runs sandboxed (only `require('electron')` is available),
 * so the build bundles everything else into this one CommonJS file.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { exposeBridge } from './bridge';

exposeBridge(contextBridge, ipcRenderer);
