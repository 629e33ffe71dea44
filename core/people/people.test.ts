import assert from 'node:assert/strict';
import { test } from 'node:test';
import { makeHost } from '../testing';
import { nameKeys } from './pinyin';

test('pinyin keys read surnames as surnames and ü as v', () => {
  assert.deepEqual(nameKeys('张三'), { full: 'zhangsan', initials: 'zs' });
  assert.deepEqual(nameKeys('单雄信'), { full: 'shanxiongxin', initials: 'sxx' });
  assert.deepEqual(nameKeys('曾国藩'), { full: 'zengguofan', initials: 'zgf' });
  assert.deepEqual(nameKeys('吕布'), { full: 'lvbu', initials: 'lb' });
});

test('people: create, find by 2-char name, pinyin initials, full pinyin, unit and position', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const finance = await h.call('units.create', { name: '市财政局' });
  const office = await h.call('units.create', { name: '办公室', parentId: finance.id });
  const edu = await h.call('units.create', { name: '市教育局' });
  await h.call('people.create', { name: '张三', unitId: office.id, position: '科员' });
  await h.call('people.create', { name: '李四', unitId: edu.id, position: '副局长' });
  await h.call('people.create', { name: '李四光', unitId: edu.id, position: '科长' });
  const names = async (query: string, extra: object = {}) => (await h.call('people.list', { query, ...extra })).items.map((p) => p.name);

  assert.deepEqual(await names('李四'), ['李四', '李四光']); // exact match first
  assert.deepEqual(await names('zs'), ['张三']);
  assert.deepEqual(await names('ZS'), ['张三']);
  assert.deepEqual(await names('zhangsan'), ['张三']);
  assert.deepEqual(await names('lisiguang'), ['李四光']);
  assert.deepEqual(await names('财政'), ['张三']); // by unit name
  assert.deepEqual(await names('副局长'), ['李四']); // by position
  assert.deepEqual(await names('科'), ['李四光', '张三']);
  assert.deepEqual(await names('李四 科长'), ['李四光']); // words are AND-ed
  assert.deepEqual(await names('王五'), []);
  // unit filter with and without sub-units
  assert.deepEqual(await names('', { unitId: finance.id }), ['张三']);
  assert.deepEqual(await names('', { unitId: finance.id, includeSubunits: false }), []);
});

test('same-name people are told apart: the list counts homonyms and carries unit and birth month', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const a = await h.call('units.create', { name: '市财政局' });
  const b = await h.call('units.create', { name: '东湖镇人民政府' });
  await h.call('people.create', { name: '张伟', unitId: a.id, birthMonth: '1975-03' });
  await h.call('people.create', { name: '张伟', unitId: b.id, birthMonth: '1982-11' });
  await h.call('people.create', { name: '张伟华', unitId: b.id });
  const list = await h.call('people.list', { query: '张伟', sortBy: 'birthMonth' });
  assert.deepEqual(
    list.items.map((p) => [p.name, p.unitName, p.birthMonth, p.homonymCount]),
    [
      ['张伟', '市财政局', '1975-03', 1],
      ['张伟', '东湖镇人民政府', '1982-11', 1],
      ['张伟华', '东湖镇人民政府', null, 0],
    ],
  );
});

test('people: invalid input is refused with Chinese messages per field and nothing is saved', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const cases: [object, string, RegExp][] = [
    [{ name: '' }, 'name', /请填写姓名/],
    [{ name: '张三3' }, 'name', /数字/],
    [{ name: '张三', idNumber: '110101199003071234' }, 'idNumber', /校验位/],
    [{ name: '张三', idNumber: '12345' }, 'idNumber', /18位/],
    [{ name: '张三', birthMonth: '2099-01' }, 'birthMonth', /出生年月/],
    [{ name: '张三', birthMonth: '1980-13' }, 'birthMonth', /出生年月/],
    [{ name: '张三', gender: '未知' }, 'gender', /性别只能是/],
    [{ name: '张三', politicalStatus: '党员' }, 'politicalStatus', /政治面貌只能是/],
    [{ name: '张'.repeat(21) }, 'name', /不能超过20个字/],
  ];
  for (const [input, field, message] of cases) {
    const env = await h.raw('people.create', input);
    assert.ok(!env.ok, JSON.stringify(input));
    assert.equal(env.error.code, 'VALIDATION');
    assert.match(env.error.fields?.[field] ?? '', message, JSON.stringify(input));
  }
  const ghostUnit = await h.raw('people.create', { name: '张三', unitId: '01900000-0000-7000-8000-000000000000' });
  assert.ok(!ghostUnit.ok && ghostUnit.error.fields?.unitId);
  assert.equal((await h.call('people.list', {})).total, 0);
});

test('ID numbers: valid ones are stored upper-case, shown masked in lists, and may not repeat', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const p = await h.call('people.create', { name: '王五', idNumber: '11010519491231002x' });
  assert.equal(p.idNumber, '11010519491231002X');
  const [row] = (await h.call('people.list', {})).items;
  assert.equal(row!.idNumberMasked, '1101**********002X');
  assert.ok(!('idNumber' in row!));
  const dup = await h.raw('people.create', { name: '王六', idNumber: '11010519491231002X' });
  assert.ok(!dup.ok && dup.error.code === 'CONFLICT' && dup.error.message.includes('王五'));
});

test('delete moves a person to the 回收站; restore brings them back, findable again', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const p = await h.call('people.create', { name: '李四' });
  await h.call('people.delete', { id: p.id });
  assert.equal((await h.call('people.list', { query: '李四' })).total, 0);
  const gone = await h.raw('people.get', { id: p.id });
  assert.ok(!gone.ok && gone.error.code === 'NOT_FOUND');
  const bin = await h.call('recycleBin.list', {});
  assert.deepEqual(
    bin.items.map((i) => [i.entity, i.title, i.deletedByName]),
    [['person', '李四', '系统管理员']],
  );
  await h.call('recycleBin.restore', { entity: 'person', id: p.id });
  assert.equal((await h.call('people.list', { query: '李四' })).total, 1);
  assert.equal((await h.call('recycleBin.list', {})).total, 0);
});

test('units: tree rules — no cycles, no deleting a unit with people, restore needs the parent first', async (t) => {
  const h = await makeHost();
  t.after(() => h.close());
  const top = await h.call('units.create', { name: '市财政局' });
  const child = await h.call('units.create', { name: '办公室', parentId: top.id });
  const cycle = await h.raw('units.update', { id: top.id, rev: top.rev, name: '市财政局', parentId: child.id });
  assert.ok(!cycle.ok && cycle.error.message.includes('下级'));
  const dupe = await h.raw('units.create', { name: '办公室', parentId: top.id });
  assert.ok(!dupe.ok && dupe.error.code === 'CONFLICT');
  const p = await h.call('people.create', { name: '张三', unitId: child.id });
  const busy = await h.raw('units.delete', { id: child.id });
  assert.ok(!busy.ok && busy.error.message.includes('1名人员'));
  await h.call('people.delete', { id: p.id });
  await h.call('units.delete', { id: child.id });
  await h.call('units.delete', { id: top.id });
  const early = await h.raw('recycleBin.restore', { entity: 'unit', id: child.id });
  assert.ok(!early.ok && early.error.message.includes('上级单位'));
  const personFirst = await h.raw('recycleBin.restore', { entity: 'person', id: p.id });
  assert.ok(!personFirst.ok && personFirst.error.message.includes('先恢复该单位'));
  await h.call('recycleBin.restore', { entity: 'unit', id: top.id });
  await h.call('recycleBin.restore', { entity: 'unit', id: child.id });
  await h.call('recycleBin.restore', { entity: 'person', id: p.id });
  assert.deepEqual(
    (await h.call('units.list', {})).map((u) => [u.name, u.peopleCount]),
    [
      ['办公室', 1],
      ['市财政局', 0],
    ],
  );
});
