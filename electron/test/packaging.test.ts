/**
 * The installer configuration (electron-builder.json), checked offline (issue 13 §10–11):
 * electron-builder's own schema accepts it, and it says what the office needs — a
 * per-machine Windows installer, deb and AppImage for x64 and arm64 (UOS, Kylin), the
 * Electron build of better-sqlite3 beside the app (never a rebuild of the Node build the
 * tests use), the Electron fuses set, no auto-update and nothing that phones home.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { load } from 'js-yaml';
import { PACKAGED_BINDING } from '../coreProcess/nativeBinding';

const repo = path.resolve(__dirname, '..', '..');
const config = JSON.parse(fs.readFileSync(path.join(repo, 'electron-builder.json'), 'utf8'));
const pkg = JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf8'));

type Target = { target: string; arch: string[] };

test('electron-builder’s own schema accepts the configuration, and refuses a misspelt field', async () => {
  await validateConfiguration(config, new DebugLogger(false));
  await assert.rejects(
    validateConfiguration({ ...config, nsis: { ...config.nsis, perMachin: true } }, new DebugLogger(false)),
    /perMachin|nsis/,
  );
});

test('Windows: an NSIS installer for x64, installed for every user of the PC, in Chinese', () => {
  assert.deepEqual(config.win.target, [{ target: 'nsis', arch: ['x64'] }]);
  assert.equal(config.nsis.perMachine, true);
  assert.equal(config.nsis.oneClick, false, 'the installer shows where it installs');
  assert.deepEqual(config.nsis.installerLanguages, ['zh_CN']);
  assert.equal(config.nsis.deleteAppDataOnUninstall, false, 'uninstalling never deletes the records');
});

test('Linux: deb and AppImage, each for x64 and arm64', () => {
  const targets = config.linux.target as Target[];
  for (const kind of ['deb', 'AppImage']) {
    const t = targets.find((x) => x.target === kind);
    assert.ok(t, `${kind} target`);
    assert.deepEqual([...t.arch].sort(), ['arm64', 'x64']);
  }
  assert.ok(config.linux.maintainer && config.linux.category, 'deb needs a maintainer and a category');
});

test('better-sqlite3: the Electron build is carried beside the app where the core process looks; node_modules is never rebuilt', () => {
  assert.equal(config.npmRebuild, false, 'a rebuild would replace the Node build the tests and browser mode use');
  assert.equal(config.nodeGypRebuild, false);
  const native = (config.extraResources as { from: string; to: string }[]).find((r) => r.to === PACKAGED_BINDING.split(path.sep).join('/'));
  assert.ok(native, `extraResources puts the binding at ${PACKAGED_BINDING}`);
  assert.equal(native.from, 'build/native/${platform}-${arch}/better_sqlite3.node');
});

test('the Electron fuses: no running as Node, no NODE_OPTIONS or inspector flags, cookies encrypted, the app only from its checked asar', () => {
  assert.equal(config.asar, true);
  assert.deepEqual(config.electronFuses, {
    runAsNode: false,
    enableCookieEncryption: true,
    enableNodeOptionsEnvironmentVariable: false,
    enableNodeCliInspectArguments: false,
    enableEmbeddedAsarIntegrityValidation: true,
    onlyLoadAppFromAsar: true,
    loadBrowserProcessSpecificV8Snapshot: false,
    grantFileProtocolExtraPrivileges: false,
  });
});

test('what is packed: the built app, the fonts it prints with, and no updater or telemetry', () => {
  assert.ok((config.files as string[]).includes('out/main/**'));
  // A worker cannot load its script from inside app.asar (core/backup/coprocessor.ts).
  assert.deepEqual(config.asarUnpack, ['out/main/coprocessorWorker.js']);
  assert.ok((config.files as string[]).includes('out/renderer/**'));
  assert.equal(pkg.main, 'out/main/index.js');
  assert.equal(config.publish, null, 'no update feed');
  for (const font of ['@fontsource/noto-serif-sc', '@fontsource/noto-sans-sc', '@fontsource/lxgw-wenkai', 'hanamin']) {
    assert.ok(pkg.dependencies[font], `${font} is a dependency, so electron-builder packs it`);
  }
  const all = { ...pkg.dependencies, ...pkg.devDependencies };
  for (const name of Object.keys(all)) {
    assert.doesNotMatch(name, /updater|update-electron-app|sentry|analytics|telemetry|crash-?report/i, `${name} must not ship`);
  }
  // Only dependencies are packed: the builder, Electron itself and test tools stay out.
  for (const dev of ['electron', 'electron-builder', '@playwright/test'])
    assert.ok(!pkg.dependencies[dev], `${dev} is not a runtime dependency`);
});

test('release.yml builds every installer of the configuration on hosted runners, runs the _electron tests there and publishes SHA-256 sums', () => {
  const workflow = load(fs.readFileSync(path.join(repo, '.github', 'workflows', 'release.yml'), 'utf8')) as {
    jobs: Record<string, { strategy?: { matrix: { include: { arch: string }[] } }; steps: { run?: string }[] }>;
  };
  const runs = (job: string) => workflow.jobs[job]!.steps.map((s) => s.run ?? '').join('\n');
  assert.deepEqual(workflow.jobs.linux!.strategy!.matrix.include.map((m) => m.arch).sort(), ['arm64', 'x64']);
  for (const job of ['linux', 'windows']) {
    assert.match(runs(job), /electron-builder --config electron-builder\.json/);
    assert.match(runs(job), /playwright test e2e\/electron\.spec\.ts/);
    assert.match(runs(job), /sha256sum/);
    assert.match(runs(job), /@electron\/rebuild/);
    assert.doesNotMatch(runs(job), /install-app-deps|electron-rebuild .*node_modules\/better-sqlite3/, 'never rebuild the working tree');
  }
  assert.match(runs('linux'), /--linux --\$\{\{ matrix\.arch \}\}/);
  assert.match(runs('windows'), /--win --x64/);
  assert.match(runs('linux'), /GLIBC_2\.28/, 'the Linux binding is checked against UOS/Kylin’s glibc');
  assert.match(runs('release'), /SHA256SUMS\.txt/);
});
