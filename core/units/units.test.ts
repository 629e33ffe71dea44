import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeHost } from '../testing';

test('a unit name with a character the letters cannot print is refused at entry, naming it; nothing is saved', async () => {
  const h = await makeHost();
  try {
    const before = (await h.call('units.list', {})).length;
    const refused = await h.raw('units.create', { name: '县𰻞𰻞面馆' });
    assert.ok(!refused.ok && refused.error.code === 'VALIDATION');
    assert.match(refused.error.fields?.name ?? refused.error.message, /单位名称中的“𰻞”（U\+30EDE）无法用公文字体打印/);
    const short = await h.raw('units.create', { name: '县面馆', shortName: '𰻞面' });
    assert.ok(!short.ok && /单位简称中的“𰻞”/.test(short.error.fields?.shortName ?? short.error.message));
    assert.equal((await h.call('units.list', {})).length, before);
    // a rare character the bundled fonts do draw (䶮, CJK Ext-A) is accepted
    await h.call('units.create', { name: '䶮山镇人民政府' });
  } finally {
    h.close();
  }
});
