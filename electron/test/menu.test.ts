import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import { buildMenuTemplate, installMenu } from '../menu';
import { createFakeElectron } from './fakeElectron';

const noop = () => undefined;
const CJK = /[\u4e00-\u9fff]/;

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

for (const isMac of [false, true]) {
  for (const isDev of [false, true]) {
    test(`every label is Chinese (mac=${isMac}, dev=${isDev})`, () => {
      const items = flatten(buildMenuTemplate({ isDev, isMac, onAbout: noop, onOpenDataDir: noop }));
      for (const item of items) {
        if (item.type === 'separator') continue;
        assert.ok(item.label && CJK.test(item.label), `menu item ${JSON.stringify(item.role ?? item.label)} needs a Chinese label`);
      }
    });
  }
}

test('top level is 文件/编辑/视图/窗口/帮助', () => {
  const template = buildMenuTemplate({ isDev: false, isMac: false, onAbout: noop, onOpenDataDir: noop });
  assert.deepEqual(
    template.map((m) => m.label),
    ['文件', '编辑', '视图', '窗口', '帮助'],
  );
});

test('编辑 has undo/redo/cut/copy/paste/selectAll roles with Chinese labels', () => {
  const edit = buildMenuTemplate({ isDev: false, isMac: false, onAbout: noop, onOpenDataDir: noop }).find((m) => m.label === '编辑')!;
  const roles = (edit.submenu as MenuItemConstructorOptions[]).filter((i) => i.role).map((i) => [i.role, i.label]);
  assert.deepEqual(roles, [
    ['undo', '撤销'],
    ['redo', '重做'],
    ['cut', '剪切'],
    ['copy', '复制'],
    ['paste', '粘贴'],
    ['selectAll', '全选'],
  ]);
});

test('no developer tools or reload in production; present in development', () => {
  const devOnly = new Set(['toggleDevTools', 'reload', 'forceReload']);
  const prod = flatten(buildMenuTemplate({ isDev: false, isMac: false, onAbout: noop, onOpenDataDir: noop }));
  assert.deepEqual(
    prod.filter((i) => i.role && devOnly.has(i.role)),
    [],
  );
  const dev = flatten(buildMenuTemplate({ isDev: true, isMac: false, onAbout: noop, onOpenDataDir: noop }));
  assert.ok(dev.some((i) => i.role === 'toggleDevTools' && i.label === '开发者工具'));
});

test('menu actions call the given handlers; installMenu sets the application menu', () => {
  const calls: string[] = [];
  const fake = createFakeElectron();
  installMenu(fake.electron.Menu, {
    isDev: false,
    isMac: false,
    onAbout: () => calls.push('about'),
    onOpenDataDir: () => calls.push('data'),
  });
  const items = flatten(fake.menus.template!);
  const click = (label: string) => (items.find((i) => i.label === label)!.click as () => void)();
  click('关于清廉台账');
  click('打开数据文件夹');
  assert.deepEqual(calls, ['about', 'data']);
});
