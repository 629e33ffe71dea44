import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, test } from 'node:test';
import {
  DEFAULT_SIZE,
  WINDOW_STATE_FILE,
  loadWindowState,
  restoreBounds,
  saveWindowState,
  trackWindowState,
  type Rectangle,
  type ScreenLike,
  type TrackedWindowLike,
} from '../windowState';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-winstate-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const single: ScreenLike = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
  getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
};
// A laptop (primary) with a second monitor to its right.
const dual: ScreenLike = {
  getAllDisplays: () => [
    { workArea: { x: 0, y: 0, width: 1366, height: 728 } },
    { workArea: { x: 1366, y: 0, width: 1920, height: 1050 } },
  ],
  getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1366, height: 728 } }),
};

function within(bounds: Rectangle, area: Rectangle): boolean {
  return (
    bounds.x >= area.x &&
    bounds.y >= area.y &&
    bounds.x + bounds.width <= area.x + area.width &&
    bounds.y + bounds.height <= area.y + area.height
  );
}

test('saved state round-trips through <dataDir>/window-state.json', () => {
  saveWindowState(dir, { bounds: { x: 40, y: 30, width: 1200, height: 760 }, isMaximized: true });
  assert.ok(fs.existsSync(path.join(dir, WINDOW_STATE_FILE)));
  assert.deepEqual(loadWindowState(dir), { bounds: { x: 40, y: 30, width: 1200, height: 760 }, isMaximized: true });
  assert.deepEqual(restoreBounds(loadWindowState(dir)!.bounds, single), { x: 40, y: 30, width: 1200, height: 760 });
  assert.deepEqual(fs.readdirSync(dir), [WINDOW_STATE_FILE], 'no temporary file left behind');
});

test('missing or corrupt files are ignored', () => {
  assert.equal(loadWindowState(dir), null);
  const file = path.join(dir, WINDOW_STATE_FILE);
  for (const content of [
    '{ "bounds": { "x": 1, ',
    'null',
    '[]',
    '"text"',
    '{"bounds":{"x":"10","y":0,"width":800,"height":600}}',
    '{"bounds":{"x":0,"y":0,"width":-800,"height":600}}',
    '{"bounds":{"x":0,"y":0,"width":800,"height":0}}',
    '{"bounds":{"x":1e308,"y":0,"width":800,"height":600}}',
    '{"isMaximized":true}',
    '\u0000\u0001garbage',
  ]) {
    fs.writeFileSync(file, content);
    assert.equal(loadWindowState(dir), null, content);
  }
  // and startup still gets a sensible window
  const bounds = restoreBounds(null, single);
  assert.equal(bounds.width, DEFAULT_SIZE.width);
  assert.equal(bounds.height, DEFAULT_SIZE.height);
  assert.ok(within(bounds, single.getPrimaryDisplay().workArea));
});

test('bounds on a monitor that is gone are moved to the primary display', () => {
  // saved while on the second monitor, which has since been unplugged
  const bounds = restoreBounds({ x: 2000, y: 100, width: 1200, height: 800 }, single);
  assert.ok(within(bounds, single.getPrimaryDisplay().workArea), JSON.stringify(bounds));
  assert.equal(bounds.width, 1200);
  // far off in negative space too
  assert.ok(within(restoreBounds({ x: -5000, y: -3000, width: 1000, height: 700 }, single), single.getPrimaryDisplay().workArea));
});

test('partly visible bounds are pulled inside the display, too-large ones shrunk', () => {
  const partly = restoreBounds({ x: 1700, y: 900, width: 1000, height: 700 }, single);
  assert.ok(within(partly, single.getPrimaryDisplay().workArea), JSON.stringify(partly));
  assert.equal(partly.width, 1000);
  const huge = restoreBounds({ x: 0, y: 0, width: 4000, height: 3000 }, single);
  assert.deepEqual(huge, { x: 0, y: 0, width: 1920, height: 1040 });
});

test('a window on the second monitor stays there when it is still connected', () => {
  const saved = { x: 1500, y: 50, width: 1400, height: 900 };
  const bounds = restoreBounds(saved, dual);
  assert.deepEqual(bounds, saved);
  // a window mostly on the big monitor but taller than the laptop stays on the big one
  assert.ok(within(restoreBounds({ x: 1300, y: 0, width: 1400, height: 1000 }, dual), { x: 1366, y: 0, width: 1920, height: 1050 }));
});

class FakeWindow extends EventEmitter implements TrackedWindowLike {
  bounds: Rectangle = { x: 10, y: 20, width: 1100, height: 700 };
  maximized = false;
  minimized = false;
  isMaximized() {
    return this.maximized;
  }
  isMinimized() {
    return this.minimized;
  }
  isFullScreen() {
    return false;
  }
  getNormalBounds() {
    return { ...this.bounds };
  }
}

test('the tracker saves normal bounds and the maximized flag on close, and after moves', async () => {
  const win = new FakeWindow();
  trackWindowState(win, dir, { debounceMs: 5 });
  win.bounds = { x: 100, y: 80, width: 1300, height: 820 };
  win.emit('move');
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.deepEqual(loadWindowState(dir), { bounds: { x: 100, y: 80, width: 1300, height: 820 }, isMaximized: false });
  win.maximized = true;
  win.emit('close');
  assert.deepEqual(loadWindowState(dir), { bounds: { x: 100, y: 80, width: 1300, height: 820 }, isMaximized: true });
});

test('a minimized window does not overwrite the last good state', () => {
  const win = new FakeWindow();
  const saveNow = trackWindowState(win, dir);
  saveNow();
  win.minimized = true;
  win.bounds = { x: -32000, y: -32000, width: 160, height: 28 }; // what Windows reports for minimized windows
  win.emit('close');
  assert.deepEqual(loadWindowState(dir)?.bounds, { x: 10, y: 20, width: 1100, height: 700 });
});
