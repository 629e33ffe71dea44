/** Test helper: the browser-mode host on a fresh data folder, serving a stand-in page; closed and removed when the test ends. */
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../db/testing';
import { startWebHost, type WebHost } from './server';

export async function startTestWebHost(t: { after(fn: () => unknown): void }): Promise<{ host: WebHost; dataDir: string }> {
  const data = tempDir();
  const ui = tempDir();
  fs.writeFileSync(path.join(ui.dir, 'index.html'), '<!doctype html><title>清廉台账</title>');
  const host = await startWebHost({ dataDir: data.dir, staticDir: ui.dir, version: '0.0.0-test' });
  t.after(async () => {
    await host.close();
    data.cleanup();
    ui.cleanup();
  });
  return { host, dataDir: data.dir };
}
