/**
 * Issue 13 §10: every frame the UI shows a document in is sandboxed with scripts off, in
 * Electron and in the browser alike. The letter HTML is built from records (escaped), but
 * a frame that could run script would turn one escaping bug into code in the app's origin.
 * A scan of the renderer's source, so a new preview frame is held to the same rule.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const renderer = path.resolve(__dirname, '..', '..', 'renderer');

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) sources(file, out);
    else if (entry.name.endsWith('.tsx')) out.push(file);
  }
  return out;
}

test('every <iframe> in the renderer has a sandbox without allow-scripts', () => {
  const frames: string[] = [];
  for (const file of sources(renderer)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/<iframe\b[^>]*?\/?>/gs)) {
      const tag = m[0];
      const where = `${path.relative(renderer, file)}: ${tag.replace(/\s+/g, ' ').slice(0, 80)}`;
      frames.push(where);
      const sandbox = /\bsandbox="([^"]*)"/.exec(tag);
      assert.ok(sandbox, `${where} has no sandbox attribute`);
      assert.doesNotMatch(sandbox[1]!, /allow-scripts|allow-top-navigation|allow-popups/, where);
    }
  }
  assert.ok(frames.length >= 2, `found the preview frames: ${frames.join('; ')}`);
});
