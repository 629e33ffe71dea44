import assert from 'node:assert/strict';
import { test } from 'node:test';
import { APP_ENTRY_URL } from '../appOrigin';
import { choosePath, dialogOptions, type OpenDialogLike } from '../dialogRelay';

function fakeDialog(answer: { canceled: boolean; filePaths: string[] }) {
  const calls: unknown[] = [];
  const dialog: OpenDialogLike = {
    showOpenDialog: (window, options) => {
      calls.push([window, options]);
      return Promise.resolve(answer);
    },
  };
  return { dialog, calls };
}

test('a folder or a backup file is chosen with the native dialog; cancel gives null', async () => {
  const { dialog, calls } = fakeDialog({ canceled: false, filePaths: ['/media/u/USB'] });
  assert.equal(await choosePath(dialog, 'win', APP_ENTRY_URL, 'folder'), '/media/u/USB');
  assert.deepEqual(calls[0], ['win', dialogOptions('folder')]);
  assert.deepEqual(dialogOptions('backupFile').filters, [{ name: '清廉台账备份', extensions: ['qlbak'] }]);
  const cancelled = fakeDialog({ canceled: true, filePaths: [] });
  assert.equal(await choosePath(cancelled.dialog, null, APP_ENTRY_URL, 'backupFile'), null);
});

test('only our own pages may ask, and only for the two kinds', async () => {
  const { dialog, calls } = fakeDialog({ canceled: false, filePaths: ['/etc/passwd'] });
  assert.equal(await choosePath(dialog, null, 'https://evil.example/', 'folder'), null);
  assert.equal(await choosePath(dialog, null, undefined, 'folder'), null);
  assert.equal(await choosePath(dialog, null, APP_ENTRY_URL, { properties: ['openFile'] }), null);
  assert.equal(calls.length, 0);
});
