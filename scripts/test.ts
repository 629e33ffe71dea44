/**
 * `npm test`: type-check and lint, unit tests, integration tests (both node:test + tsx),
 * end-to-end tests (Playwright in Debian's Chromium through browser mode). Ends with one
 * line "N passed, N failed" (", N skipped" when some were), which CI reads.
 *
 * Unit tests (`*.test.ts`) are pure and quick: SQLite files, the core, no browser, no
 * child processes to kill. Integration tests (`*.integration.test.ts`) start real
 * programs: Chromium rendering PDFs, processes killed mid-write, the built Electron
 * main process, the CLI. A failing unit stage is seen in about two minutes.
 *
 *   npm test                        everything
 *   npm test -- --only unit         one stage: static | unit | integration | e2e
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const UNIT_DIRS = ['db', 'core', 'electron', 'web', 'bench', 'scripts', 'renderer'];

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const total: Tally = { passed: 0, failed: 0, skipped: 0 };
const lines: string[] = [];

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): { status: number; output: string } {
  const result = spawnSync(cmd, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const output = (result.stdout ?? '') + (result.stderr ?? '');
  process.stdout.write(output);
  return { status: result.status ?? 1, output };
}

function record(stage: string, tally: Tally): void {
  total.passed += tally.passed;
  total.failed += tally.failed;
  total.skipped += tally.skipped;
  lines.push(`${stage}: ${tally.passed} passed, ${tally.failed} failed${tally.skipped ? `, ${tally.skipped} skipped` : ''}`);
}

/** A check that is one pass or one fail (type-check, lint). */
function check(stage: string, cmd: string, args: string[]): void {
  console.log(`\n== ${stage}: ${cmd} ${args.join(' ')}`);
  const { status } = run(cmd, args);
  record(stage, { passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0 });
}

function findTests(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findTests(full, out);
    else if (entry.name.endsWith('.test.ts')) out.push(path.relative(root, full));
  }
  return out;
}

const INTEGRATION = '.integration.test.ts';
/**
 * Any single test that runs this long has hung (a browser stuck mid-print once held a whole
 * run for good): it fails, the others go on and the summary line is still printed. Ten times
 * the slowest test measured beside a CPU hog.
 */
const TEST_TIMEOUT_MS = 10 * 60_000;

function nodeTests(stage: 'unit' | 'integration'): void {
  const all = UNIT_DIRS.flatMap((d) => findTests(path.join(root, d))).sort();
  const files = all.filter((f) => f.endsWith(INTEGRATION) === (stage === 'integration'));
  console.log(`\n== ${stage}: ${files.length} files`);
  if (!files.length) return record(stage, { passed: 0, failed: 1, skipped: 0 });
  const { status, output } = run(process.execPath, [
    '--import',
    'tsx',
    '--test',
    `--test-timeout=${TEST_TIMEOUT_MS}`,
    '--test-reporter=spec',
    ...files,
  ]);
  const count = (label: string) => Number(new RegExp(`^ℹ ${label} (\\d+)`, 'm').exec(output)?.[1] ?? 'NaN');
  // A test stopped by the time limit is reported as cancelled: it counts as failed.
  const tally = { passed: count('pass'), failed: count('fail') + count('cancelled'), skipped: count('skipped') + count('todo') };
  if ([tally.passed, tally.failed, tally.skipped].some(Number.isNaN)) {
    // The runner died before its summary: count the whole stage as one failure.
    return record(stage, { passed: 0, failed: 1, skipped: 0 });
  }
  if (status !== 0 && tally.failed === 0) tally.failed = 1;
  record(stage, tally);
}

function e2e(): void {
  console.log('\n== e2e: playwright test');
  const report = path.join(root, 'test-results', 'e2e-report.json');
  fs.rmSync(report, { force: true });
  const { status } = run(
    process.execPath,
    [path.join(root, 'node_modules', '@playwright', 'test', 'cli.js'), 'test', '--reporter=list,json'],
    {
      PLAYWRIGHT_JSON_OUTPUT_NAME: report,
    },
  );
  if (!fs.existsSync(report)) return record('e2e', { passed: 0, failed: 1, skipped: 0 });
  const stats = (JSON.parse(fs.readFileSync(report, 'utf8')) as { stats: Record<string, number> }).stats;
  const tally = { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: stats.unexpected ?? 0, skipped: stats.skipped ?? 0 };
  if (status !== 0 && tally.failed === 0) tally.failed = 1;
  record('e2e', tally);
}

if (!only || only === 'static') {
  check('typecheck', process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', 'tsconfig.json']);
  check('typecheck-renderer', process.execPath, [
    path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    '--noEmit',
    '-p',
    'tsconfig.renderer.json',
  ]);
  check('typecheck-e2e', process.execPath, [
    path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    '--noEmit',
    '-p',
    'tsconfig.e2e.json',
  ]);
  // Renderer unit tests run in Node: checked apart, so the renderer itself never sees Node's types.
  check('typecheck-renderer-tests', process.execPath, [
    path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    '--noEmit',
    '-p',
    'tsconfig.renderer-tests.json',
  ]);
  check('lint', process.execPath, [path.join(root, 'node_modules', 'eslint', 'bin', 'eslint.js'), '.']);
  // Formatting is part of the check: an unformatted file fails here, not in review (npm run format fixes it).
  check('format', process.execPath, [
    path.join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs'),
    '--check',
    '.',
    '--log-level',
    'warn',
  ]);
}
if (!only || only === 'unit') nodeTests('unit');
if (!only || only === 'integration') nodeTests('integration');
if (!only || only === 'e2e') e2e();

console.log('\n' + lines.join('\n'));
console.log(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
process.exit(total.failed > 0 ? 1 : 0);
