/** Which folders the picker offers as removable drives (issue 16: it said "U 盘通常在：/root"). */
import assert from 'node:assert/strict';
import os from 'node:os';
import { test } from 'node:test';
import { backupPlaces, NO_REMOVABLE_DRIVE, removableDrives, systemDrives, type DriveProbe } from './folders';

const MOUNTS = [
  '/dev/sda2 / ext4 rw,relatime 0 0',
  '/dev/sda3 /home ext4 rw,relatime 0 0',
  'tmpfs /run/user/1000 tmpfs rw 0 0',
  '/dev/sdc1 /media/clerk/KINGSTON\\040USB vfat rw,nosuid 0 0',
  '/dev/sdd1 /run/media/clerk/移动硬盘 exfat rw 0 0',
  '/dev/sde1 /media/usb0 vfat rw 0 0',
  '/dev/sdf1 /mnt/data ext4 rw 0 0',
].join('\n');

const linux = (mounts: string | null, children: Record<string, string[]> = {}): DriveProbe => ({
  platform: 'linux',
  user: 'clerk',
  mounts: () => mounts,
  children: (dir) => children[dir] ?? [],
  windowsRemovable: async () => [],
});

test('Linux: only what is mounted under /media/<user>, /run/media/<user> or /media; never the home folder, / or /mnt', async () => {
  const found = await removableDrives(linux(MOUNTS));
  assert.ok(found.includes('/media/clerk/KINGSTON USB'), 'a space in the label (\\040) is decoded');
  assert.ok(found.includes('/run/media/clerk/移动硬盘'));
  assert.ok(found.includes('/media/usb0'));
  for (const not of ['/', '/home', '/mnt/data', '/run/user/1000', os.homedir(), '/root', '/media/clerk'])
    assert.ok(!found.includes(not), not);
});

test('Linux: an empty /media/<user> folder left by an old stick is not a drive; where /proc cannot be read, the folders there are offered', async () => {
  assert.deepEqual(await removableDrives(linux('/dev/sda2 / ext4 rw 0 0', { '/media/clerk': ['/media/clerk/OLD'] })), []);
  assert.deepEqual(await removableDrives(linux(null, { '/media/clerk': ['/media/clerk/STICK'], '/media': ['/media/clerk'] })), [
    '/media/clerk/STICK',
  ]);
});

test('Windows: drive letters of the removable type, as roots; macOS: volumes that are not links to the boot disk', async () => {
  const windows: DriveProbe = { ...linux(null), platform: 'win32', windowsRemovable: async () => ['E:', 'G:'] };
  assert.deepEqual(await removableDrives(windows), ['E:\\', 'G:\\']);
  const mac: DriveProbe = { ...linux(null), platform: 'darwin', children: () => [] };
  assert.deepEqual(await removableDrives(mac), []);
});

test('no drive plugged in: the picker says so plainly, and offers only the allowed folders', async () => {
  const places = await backupPlaces({ anywhere: false, allowed: ['/srv/备份', '/srv/备份/'] }, linux('/dev/sda2 / ext4 rw 0 0'));
  assert.deepEqual(places, { removable: [], allowed: ['/srv/备份'], anywhere: false, note: NO_REMOVABLE_DRIVE });
  assert.match(NO_REMOVABLE_DRIVE, /没有发现已插入的 U 盘或移动硬盘/);
  const withStick = await backupPlaces({ anywhere: true, allowed: [] }, linux(MOUNTS));
  assert.equal(withStick.note, null);
});

test('on this machine: whatever is found, the home folder is not offered as a drive', async () => {
  const found = await removableDrives(systemDrives);
  assert.ok(!found.includes(os.homedir()));
  assert.ok(!found.includes('/root'));
});
