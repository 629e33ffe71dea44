/**
 * Areas call each other through exported functions, never through another area's handler
 * map (docs/architecture.md). A handler map is a channel's implementation behind the
 * contract; code of another area that calls it depends on how that channel is wired
 * today. This test reads every module of core/ and fails when one imports another area's
 * `handlers` module, or a `…Handlers` map from any module of another area (the opinions
 * area keeps its maps in requests.ts and replies.ts).
 *
 * An area is a folder directly under core/, other than host/ and shared/ (the kernel every
 * area builds on, e.g. personRecordHandlers). Only core/handlers.ts, which merges the maps
 * into the one the host runs, may import them all.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '..');
const core = path.join(root, 'core');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(full, out);
    else if (/\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

const KERNEL = new Set(['host', 'shared']);

/** The area a core file belongs to (its first folder under core/), or null for core/*.ts and the kernel. */
function areaOf(file: string): string | null {
  const parts = path.relative(core, file).split(path.sep);
  return parts.length > 1 && !KERNEL.has(parts[0]!) ? parts[0]! : null;
}

interface Crossing {
  file: string;
  line: number;
  text: string;
}

/** Imports of another area's handlers module or handler map, in one file's source. */
export function handlerCrossings(file: string, source: string): Crossing[] {
  const from = areaOf(file);
  if (from === null) return []; // core/handlers.ts merges them; core/api.ts and the like import none
  const found: Crossing[] = [];
  // `import … from '…';` over one or more lines (also `export … from`).
  const pattern = /(?:^|\n)\s*(?:import|export)\s+([^;]*?)\s+from\s+'([^']+)'/g;
  for (let m = pattern.exec(source); m; m = pattern.exec(source)) {
    const [, bindings, spec] = m as unknown as [string, string, string];
    if (!spec.startsWith('.')) continue;
    const target = path.resolve(path.dirname(file), spec);
    if (!target.startsWith(core + path.sep)) continue;
    const to = areaOf(`${target}.ts`);
    if (to === null || to === from) continue;
    const isHandlersModule = path.basename(target) === 'handlers';
    const namesMap = /\b\w+Handlers\b/.test(bindings);
    if (isHandlersModule || namesMap) {
      const line = source.slice(0, m.index + 1).split('\n').length;
      found.push({ file: path.relative(root, file), line, text: m[0].trim().replace(/\s+/g, ' ') });
    }
  }
  return found;
}

test('no area imports another area’s handlers module or handler map (areas call exported functions)', () => {
  const crossings = sourceFiles(core)
    .filter((f) => !/\.test\.tsx?$/.test(f))
    .flatMap((f) => handlerCrossings(f, fs.readFileSync(f, 'utf8')));
  assert.deepEqual(
    crossings.map((c) => `${c.file}:${c.line}: ${c.text}`),
    [],
    'call an exported function of the other area (its records.ts or queries.ts), not its handlers',
  );
});

test('the check sees each way of crossing, and lets an area use its own maps', () => {
  const file = path.join(core, 'letters', 'x.ts');
  const crossings = (source: string) => handlerCrossings(file, source).map((c) => c.text);
  assert.equal(crossings("import { listRoster } from '../pledges/handlers';").length, 1, 'a function from a handlers module');
  assert.equal(crossings("import {\n  repliesHandlers,\n} from '../opinions/replies';").length, 1, 'a map from another module');
  assert.equal(crossings("export { pledgesHandlers } from '../pledges/handlers';").length, 1, 'a re-export');
  assert.deepEqual(crossings("import { listRoster } from '../pledges/records';"), [], 'an exported function');
  assert.deepEqual(crossings("import { lettersHandlers } from './handlers';"), [], 'its own map');
  assert.deepEqual(crossings("import { personRecordHandlers } from '../shared/personRecords';"), [], 'the kernel');
  assert.deepEqual(handlerCrossings(path.join(core, 'handlers.ts'), "import { pledgesHandlers } from './pledges/handlers';"), []);
});

/**
 * core/print is the layout engine (pages, fonts, GB/T 9704 geometry): it knows no document
 * kind by name. Each area keeps its own templates (core/opinions/replyLetter.ts,
 * core/reminders/reminderLetter.ts, core/pledges/pledgeForm.ts) and imports the engine, never
 * the other way round. Tests of the engine may lay out a real letter as their sample.
 */
const DOCUMENT_AREAS = ['opinions', 'reminders', 'pledges', 'letters'];

export function printEngineCrossings(file: string, source: string): string[] {
  const found: string[] = [];
  const pattern = /(?:^|\n)\s*(?:import|export)\s+[^;]*?\s+from\s+'([^']+)'/g;
  for (let m = pattern.exec(source); m; m = pattern.exec(source)) {
    const spec = m[1]!;
    if (!spec.startsWith('.')) continue;
    const target = path.relative(core, path.resolve(path.dirname(file), spec)).split(path.sep);
    if (DOCUMENT_AREAS.includes(target[0]!)) found.push(`${path.relative(root, file)}: ${m[0].trim()}`);
  }
  return found;
}

test('core/print imports nothing of the areas whose documents it lays out', () => {
  const crossings = sourceFiles(path.join(core, 'print'))
    .filter((f) => !/\.test\.tsx?$/.test(f))
    .flatMap((f) => printEngineCrossings(f, fs.readFileSync(f, 'utf8')));
  assert.deepEqual(crossings, [], 'core/print is the engine: a document kind lives with its area and imports core/print');
  const file = path.join(core, 'print', 'x.ts');
  assert.equal(printEngineCrossings(file, "import type { ReplyDetail } from '../opinions/contract';").length, 1);
  assert.equal(printEngineCrossings(file, "import { layoutPledgeForms } from '../pledges/pledgeForm';").length, 1);
  assert.deepEqual(printEngineCrossings(file, "import { PT } from './geometry';"), []);
});
