import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { appDataBase, resolveDataDir } from './dataDir';

test('the data folder: --data-dir beats the environment variable, which beats the OS default', () => {
  const base = '/home/clerk/.config';
  assert.equal(
    resolveDataDir(['node', 'x', '--data-dir=/mnt/usb/data'], { QINGLIAN_DATA_DIR: '/env' }, base),
    path.resolve('/mnt/usb/data'),
  );
  assert.equal(resolveDataDir(['node', 'x', '--data-dir', '/d2'], {}, base), path.resolve('/d2'));
  assert.equal(resolveDataDir(['node', 'x'], { QINGLIAN_DATA_DIR: '/env' }, base), path.resolve('/env'));
  assert.equal(resolveDataDir(['node', 'x'], {}, base), path.resolve('/home/clerk/.config/qinglian-ledger'));
});

test('the OS default follows where Electron keeps userData on each platform', () => {
  assert.equal(
    appDataBase('win32', { APPDATA: 'C:\\Users\\clerk\\AppData\\Roaming' }, 'C:\\Users\\clerk'),
    'C:\\Users\\clerk\\AppData\\Roaming',
  );
  assert.equal(appDataBase('linux', {}, '/home/clerk'), '/home/clerk/.config');
  assert.equal(appDataBase('linux', { XDG_CONFIG_HOME: '/xdg' }, '/home/clerk'), '/xdg');
  assert.equal(appDataBase('darwin', {}, '/Users/clerk'), '/Users/clerk/Library/Application Support');
});
