/** Browser mode's token handover (issue 13, item 7): never on the browser's command line. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { writeHandoverPage } from './handover';
import { appModeArgs } from './openBrowser';
import { startTestWebHost } from './testing';

test('the browser is started on a private file that forwards to the address; its arguments carry no token', async (t) => {
  const { host, dataDir } = await startTestWebHost(t);
  const handover = writeHandoverPage(path.join(dataDir, 'browser-handover'), host.url);
  const args = appModeArgs(handover.address, path.join(dataDir, 'browser-profile'));
  assert.ok(
    args.every((a) => !a.includes(host.token)),
    args.join(' '),
  );
  assert.match(handover.address, /^file:\/\/.*\/open-[0-9a-f]{16}\.html$/);
  const html = fs.readFileSync(handover.file, 'utf8');
  assert.ok(html.includes(`content="0;url=${host.url}"`));
  if (process.platform !== 'win32') {
    assert.equal(fs.statSync(handover.file).mode & 0o777, 0o600);
    assert.equal(fs.statSync(path.dirname(handover.file)).mode & 0o077, 0);
  }

  // The file goes once the page has reached the host with the token, not on a call without it.
  host.onFirstAuthorizedCall(handover.remove);
  const post = (token: string) =>
    fetch(`${host.origin}/api/setup.status`, {
      method: 'POST',
      headers: { 'x-qinglian-token': token, 'content-type': 'application/json' },
      body: '{}',
    });
  assert.equal((await post('wrong')).status, 403);
  assert.ok(fs.existsSync(handover.file));
  assert.equal((await post(host.token)).status, 200);
  assert.ok(!fs.existsSync(handover.file));
});
