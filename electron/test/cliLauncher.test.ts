/** `清廉台账 --cli … --passphrase-stdin`: standard input travels from the main process to the core process's CLI. */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { EXIT, runCli } from '../../core/backup/cli';
import { PASSPHRASE, makeBackup, seedDataDir } from '../../core/backup/testing';
import { launchCli, stdinFromParent, type StdinMessage } from '../cliLauncher';

/** A core process's message port and the child handle the main process holds, wired together. */
function pair() {
  const port = new EventEmitter();
  const posted: StdinMessage[] = [];
  const child = Object.assign(new EventEmitter(), {
    postMessage(message: StdinMessage) {
      posted.push(message);
      port.emit('message', { data: message });
    },
  });
  return { port, child, posted };
}

test('the main process reads stdin only for --passphrase-stdin, posts it to the child, and exits with its code', async () => {
  const withStdin = pair();
  const exits: number[] = [];
  let reads = 0;
  await launchCli(['backup', 'verify', 'x.qlbak', '--passphrase-stdin'], {
    fork: () => withStdin.child,
    readStdin: async () => (reads++, '口令 一二三\n'),
    exit: (code) => exits.push(code),
  });
  assert.deepEqual(withStdin.posted, [{ type: 'stdin', text: '口令 一二三\n' }]);
  withStdin.child.emit('exit', 3);
  assert.deepEqual(exits, [3]);

  const withFile = pair();
  await launchCli(['backup', 'verify', 'x.qlbak', '--passphrase-file', 'p.txt'], {
    fork: () => withFile.child,
    readStdin: async () => (reads++, ''),
    exit: () => undefined,
  });
  assert.deepEqual(withFile.posted, []);
  assert.equal(reads, 1, 'stdin read once, for the first command only');
});

test('the core process takes the first stdin message, ignores others, and stops listening', async () => {
  const port = new EventEmitter();
  const text = stdinFromParent(port)();
  port.emit('message', { data: { type: 'other', text: 'no' } });
  port.emit('message', { data: null });
  port.emit('message', { data: { type: 'stdin', text: 'yes' } });
  assert.equal(await text, 'yes');
  assert.equal(port.listenerCount('message'), 0);
  await assert.rejects(stdinFromParent(undefined)(), /--passphrase-file/);
});

test('end to end without Electron: verify a real backup with the passphrase given on stdin through the relay', async () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-cli-relay-'));
  try {
    const dataDir = path.join(root, 'data');
    seedDataDir(dataDir, { marker: 'relay' });
    const { file } = await makeBackup(dataDir, path.join(root, 'usb'));
    const run = async (stdin: string) => {
      const { port, child } = pair();
      const out: string[] = [];
      const err: string[] = [];
      let code = -1;
      const args = ['backup', 'verify', file, '--passphrase-stdin'];
      // The child side starts first and waits for the message, as the forked core process does.
      const finished = runCli(args, {
        stdout: (t) => void out.push(t),
        stderr: (t) => void err.push(t),
        readStdin: stdinFromParent(port),
        env: {},
        version: '9.9.9',
      }).then((c) => child.emit('exit', c));
      await launchCli(args, { fork: () => child, readStdin: async () => stdin, exit: (c) => (code = c) });
      await finished;
      return { code, out: out.join(''), err: err.join('') };
    };
    const good = await run(`${PASSPHRASE}\n`);
    assert.equal(good.code, EXIT.OK, good.err);
    assert.match(good.out, /"relay"|settings/);
    const wrong = await run('不是这个口令\n');
    assert.equal(wrong.code, EXIT.BAD_PASSPHRASE);
    assert.match(wrong.err, /口令不正确/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
