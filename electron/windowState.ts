/**
 * Remembers the main window's bounds and maximized state in <dataDir>/window-state.json
 * and restores them safely: a missing, corrupt or odd file is ignored, and bounds that
 * would put the window off every display (a monitor unplugged since) are moved back.
 */
import fs from 'node:fs';
import path from 'node:path';

export const WINDOW_STATE_FILE = 'window-state.json';

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rectangle;
  isMaximized: boolean;
}

export interface DisplayLike {
  workArea: Rectangle;
}

export interface ScreenLike {
  getAllDisplays(): DisplayLike[];
  getPrimaryDisplay(): DisplayLike;
}

export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 960, height: 640 } as const;
/** How much of the window's width and height must overlap a display to count as visible there. */
const MIN_VISIBLE = 100;

function isFiniteInt(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) < 1e6;
}

/** Reads the saved state; null when there is none or it is unusable. Never throws. */
export function loadWindowState(dataDir: string): WindowState | null {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(path.join(dataDir, WINDOW_STATE_FILE), 'utf8'));
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const { bounds, isMaximized } = raw as { bounds?: unknown; isMaximized?: unknown };
  if (typeof bounds !== 'object' || bounds === null) return null;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  if (!isFiniteInt(x) || !isFiniteInt(y) || !isFiniteInt(width) || !isFiniteInt(height)) return null;
  if (width <= 0 || height <= 0) return null;
  return {
    bounds: { x: Math.round(x), y: Math.round(y), width: Math.round(width), height: Math.round(height) },
    isMaximized: isMaximized === true,
  };
}

/** Writes the state (to a temporary file, then renamed, so a crash never leaves half a file). */
export function saveWindowState(dataDir: string, state: WindowState): void {
  const file = path.join(dataDir, WINDOW_STATE_FILE);
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, 'utf8');
    fs.renameSync(temp, file);
  } catch (error) {
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // nothing more to do: losing the window position is harmless
    }
    console.warn('[window-state] could not save', error);
  }
}

function overlap(a: Rectangle, b: Rectangle): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

function centreIn(area: Rectangle, width: number, height: number): Rectangle {
  const w = Math.min(width, area.width);
  const h = Math.min(height, area.height);
  return { x: area.x + Math.round((area.width - w) / 2), y: area.y + Math.round((area.height - h) / 2), width: w, height: h };
}

/**
 * Bounds to open the window with: the saved ones if they are visible on some display
 * (shrunk to fit it and pulled fully inside its work area), otherwise the saved size
 * (or the default) centred on the primary display.
 */
export function restoreBounds(saved: Rectangle | null, screen: ScreenLike): Rectangle {
  const primary = screen.getPrimaryDisplay().workArea;
  if (!saved) return centreIn(primary, DEFAULT_SIZE.width, DEFAULT_SIZE.height);

  let best: { area: Rectangle; score: number } | null = null;
  for (const display of screen.getAllDisplays()) {
    const o = overlap(saved, display.workArea);
    if (o.width < Math.min(MIN_VISIBLE, saved.width) || o.height < Math.min(MIN_VISIBLE, saved.height)) continue;
    const score = o.width * o.height;
    if (!best || score > best.score) best = { area: display.workArea, score };
  }
  if (!best) return centreIn(primary, Math.max(saved.width, MIN_SIZE.width), Math.max(saved.height, MIN_SIZE.height));

  const area = best.area;
  const width = Math.min(Math.max(saved.width, Math.min(MIN_SIZE.width, area.width)), area.width);
  const height = Math.min(Math.max(saved.height, Math.min(MIN_SIZE.height, area.height)), area.height);
  const x = Math.min(Math.max(saved.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(saved.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}

/** The parts of a BrowserWindow the tracker uses. */
export interface TrackedWindowLike {
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
  isMaximized(): boolean;
  isMinimized(): boolean;
  isFullScreen(): boolean;
  getNormalBounds(): Rectangle;
}

/**
 * Saves the window's state when it closes, and shortly after it is moved or resized
 * (so a crash or power cut still keeps the last position). Returns a function that
 * saves at once.
 */
export function trackWindowState(window: TrackedWindowLike, dataDir: string, options: { debounceMs?: number } = {}): () => void {
  const debounceMs = options.debounceMs ?? 500;
  let timer: NodeJS.Timeout | null = null;
  const saveNow = () => {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    // Minimized or full-screen bounds are not what the clerk wants back next time.
    if (window.isMinimized() || window.isFullScreen()) return;
    saveWindowState(dataDir, { bounds: window.getNormalBounds(), isMaximized: window.isMaximized() });
  };
  const saveSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(saveNow, debounceMs);
    timer.unref?.();
  };
  window.on('resize', saveSoon);
  window.on('move', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', saveNow);
  return saveNow;
}
