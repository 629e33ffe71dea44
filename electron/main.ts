/**
 * Entry of the Electron main process (built to out/main/index.js, package.json "main").
 * Everything is in app.ts; this file only hands it the real `electron` module.
 */
import * as electron from 'electron';
import { startApp } from './app';

startApp(electron, {
  argv: process.argv,
  env: process.env,
  cwd: process.cwd(),
  platform: process.platform,
  mainDir: __dirname,
  resourcesPath: process.resourcesPath ?? null,
});
