import assert from 'node:assert/strict';
import { test } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileErrorReason } from './fileErrors';

test('a real failed write gets a Chinese reason; an unknown code is named', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qinglian-ferr-'));
  try {
    const file = path.join(dir, 'a.pdf');
    fs.writeFileSync(file, 'x');
    let error: unknown;
    try {
      fs.writeFileSync(file, 'y', { flag: 'wx' });
    } catch (e) {
      error = e;
    }
    assert.equal(fileErrorReason(error), '已有同名文件，未覆盖；请重新保存并换一个文件名');
    try {
      fs.writeFileSync(path.join(dir, 'missing', 'a.pdf'), 'y');
    } catch (e) {
      error = e;
    }
    assert.equal(fileErrorReason(error), '文件夹不存在（U盘可能已拔出）');
    assert.equal(fileErrorReason(Object.assign(new Error('x'), { code: 'EWEIRD' })), '写入失败（EWEIRD）');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
