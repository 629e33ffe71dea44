/**
 * Keeps docs/ short and its pointers true (issue 15 §4): all of docs/*.md together stay
 * under DOCS_LIMIT characters (what `cat docs/*.md | wc -m` counts), and no doc (nor the
 * README) names a repository file that does not exist — in a Markdown link, as a path
 * such as `core/host/writer.ts`, or as a bare file name such as `geometry.ts`. data.md's migration table and
 * schema version are checked against db/migrations.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { LATEST_SCHEMA_VERSION, migrations } from '../db/migrations';

const root = path.resolve(__dirname, '..');
const DOCS_LIMIT = 60_000;
/** Top-level folders of the repository: a word starting with one of these is a path claim. */
const REPO_DIRS = ['db', 'core', 'cli', 'electron', 'web', 'renderer', 'e2e', 'bench', 'scripts', 'docs'];
/** Placeholders and patterns, not paths: `core/<area>/`, `e2e/*.spec.ts`, `electron/coreProcess/{a,b}.ts`. */
const PATTERN_CHARS = /[<>*{}…$]|NNNN/;

interface Doc {
  file: string;
  text: string;
}

/** Characters as `wc -m` counts them in a UTF-8 locale: code points. */
const characters = (text: string): number => [...text].length;

/** Markdown links `[text](target)` to local files; web addresses and in-page anchors are skipped. */
function localLinks(text: string): string[] {
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'))
    .map((target) => target.replace(/#.*$/, ''));
}

/** Words in the text that start with a repository folder, e.g. core/host/writer.ts or docs/data.md. */
function pathMentions(text: string): string[] {
  const dirs = REPO_DIRS.join('|');
  const found = text.matchAll(new RegExp(`(?<![\\w./@-])(?:${dirs})/[^\\s\`'"(),;:\\]|，。、）：；]*`, 'g'));
  return [...found].map((m) => m[0].replace(/[.›]+$/, '')).filter((p) => !PATTERN_CHARS.test(p));
}

/** Bare file names such as `geometry.ts` or `letters.integration.test.ts` (a path's last part is checked with the path). */
function fileNameMentions(text: string): string[] {
  return [...text.matchAll(/(?<![\w./*-])[A-Za-z0-9_][\w.-]*\.(?:ts|tsx|mjs)(?![\w/])/g)]
    .map((m) => m[0])
    .filter((n) => !PATTERN_CHARS.test(n));
}

/** Names of the files under the repository's folders. */
function repoFileNames(repoRoot: string): Set<string> {
  const names = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else names.add(entry.name);
    }
  };
  for (const d of REPO_DIRS) if (fs.existsSync(path.join(repoRoot, d))) walk(path.join(repoRoot, d));
  for (const entry of fs.readdirSync(repoRoot)) names.add(entry);
  return names;
}

/** A mentioned path exists as written, or as a module without its extension (`core/api` → core/api.ts). */
function exists(repoRoot: string, relative: string): boolean {
  const full = path.join(repoRoot, relative);
  return ['', '.ts', '.tsx'].some((ext) => fs.existsSync(full + ext));
}

/** Every broken pointer, as "<doc>: <target>". */
function brokenPointers(repoRoot: string, docs: readonly Doc[]): string[] {
  const broken: string[] = [];
  const fileNames = repoFileNames(repoRoot);
  for (const doc of docs) {
    for (const name of fileNameMentions(doc.text)) {
      if (!fileNames.has(name)) broken.push(`${doc.file}: ${name}`);
    }
    for (const link of localLinks(doc.text)) {
      if (!exists(path.dirname(path.join(repoRoot, doc.file)), link)) broken.push(`${doc.file}: 链接 ${link}`);
    }
    for (const mention of pathMentions(doc.text)) {
      if (!exists(repoRoot, mention)) broken.push(`${doc.file}: ${mention}`);
    }
  }
  return broken;
}

function readDocs(): Doc[] {
  const names = fs
    .readdirSync(path.join(root, 'docs'))
    .filter((n) => n.endsWith('.md'))
    .sort();
  return names.map((n) => ({ file: `docs/${n}`, text: fs.readFileSync(path.join(root, 'docs', n), 'utf8') }));
}

test(`docs/*.md stay under ${DOCS_LIMIT} characters in all`, () => {
  const docs = readDocs();
  const total = docs.reduce((sum, d) => sum + characters(d.text), 0);
  const sizes = docs.map((d) => `${d.file} ${characters(d.text)}`).join(', ');
  assert.ok(total < DOCS_LIMIT, `docs/ has ${total} characters (limit ${DOCS_LIMIT}): ${sizes}. Cut before adding.`);
});

test('no doc or the README points at a file that does not exist', () => {
  const docs = [...readDocs(), { file: 'README.md', text: fs.readFileSync(path.join(root, 'README.md'), 'utf8') }];
  assert.deepEqual(brokenPointers(root, docs), []);
});

test('the checks catch what they are for: a missing link target, a missing path, an over-long text', () => {
  const docs = [
    { file: 'docs/x.md', text: 'See [data](data.md), [gone](gone.md), [web](https://example.org) and [top](#top).' },
    {
      file: 'README.md',
      text: 'Writes go through `core/host/writer.ts` (not core/host/writer2.ts), per `core/<area>/contract.ts`; core/api.',
    },
    { file: 'docs/y.md', text: 'Laid out by geometry.ts and `compose.ts`, not by layout.ts; tests in `*.test.ts`.' },
  ];
  assert.deepEqual(brokenPointers(root, docs), ['docs/x.md: 链接 gone.md', 'README.md: core/host/writer2.ts', 'docs/y.md: layout.ts']);
  assert.equal(characters('廉政'.repeat(30_000)), DOCS_LIMIT);
});

test('data.md names every migration and the current schema version', () => {
  const data = fs.readFileSync(path.join(root, 'docs', 'data.md'), 'utf8');
  const files = fs.readdirSync(path.join(root, 'db', 'migrations')).filter((n) => /^\d{4}_\w+\.ts$/.test(n) && !n.endsWith('.test.ts'));
  assert.equal(files.length, migrations.length, 'every migration file is listed in db/migrations/index.ts');
  for (const file of files) assert.ok(data.includes(`\`${file}\``), `docs/data.md does not name ${file}`);
  const named = [...data.matchAll(/`(\d{4}_\w+\.ts)`/g)].map((m) => m[1]!);
  for (const file of named) assert.ok(files.includes(file), `docs/data.md names ${file}, which is not in db/migrations`);
  assert.match(data, new RegExp(`schema version, today \\*\\*${LATEST_SCHEMA_VERSION}\\*\\*`), 'docs/data.md states the schema version');
});
