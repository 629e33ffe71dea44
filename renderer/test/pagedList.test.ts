/**
 * The list pages' paging rules (lib/pagedList.ts): what the server and 导出 get from a
 * filter, when the page goes back to 1, and how a table sort becomes the server's sort.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { columnSortOrder, compactFilter, currentPage, filterKeyOf, nextPaging, sortFromTable } from '../lib/pagedList';

test('paging: unset filter fields are dropped, 0 and false are kept', () => {
  assert.deepEqual(compactFilter({ query: '', year: null, occasion: undefined, unitId: 'u1' }), { unitId: 'u1' });
  assert.deepEqual(compactFilter({ includeSubunits: false, count: 0 }), { includeSubunits: false, count: 0 });
  assert.deepEqual(compactFilter({}), {});
});

test('paging: the filter key ignores field order and unset fields', () => {
  assert.equal(filterKeyOf({ a: 1, b: 'x' }), filterKeyOf({ b: 'x', a: 1 }));
  assert.equal(filterKeyOf({ a: 1, query: '' }), filterKeyOf({ a: 1 }));
  assert.notEqual(filterKeyOf({ a: 1 }), filterKeyOf({ a: 2 }));
  assert.notEqual(filterKeyOf({ a: [1, 2] }), filterKeyOf({ a: [2, 1] }));
});

test('paging: a new search or filter shows page 1, the same filter keeps its page', () => {
  const state = { filterKey: filterKeyOf({ query: '张' }), page: 3, pageSize: 20 };
  assert.equal(currentPage(state, filterKeyOf({ query: '张' })), 3);
  assert.equal(currentPage(state, filterKeyOf({ query: '张三' })), 1);
  assert.equal(currentPage(state, filterKeyOf({})), 1);
});

test('paging: the pager moves pages; a new page size starts at page 1', () => {
  const key = filterKeyOf({ year: 2025 });
  const state = { filterKey: key, page: 2, pageSize: 20 };
  assert.deepEqual(nextPaging(state, key, { current: 4, pageSize: 20 }), { filterKey: key, page: 4, pageSize: 20 });
  assert.deepEqual(nextPaging(state, key, { current: 4, pageSize: 50 }), { filterKey: key, page: 1, pageSize: 50 });
  // a page picked right after a filter change belongs to the new filter
  const other = filterKeyOf({ year: 2024 });
  assert.deepEqual(nextPaging(state, other, { current: 2 }), { filterKey: other, page: 2, pageSize: 20 });
  assert.deepEqual(nextPaging(state, key, {}), { filterKey: key, page: 1, pageSize: 20 });
});

test('paging: a table sort becomes the server’s sort, and back to the column header', () => {
  const keys = { name: 'name', unit: 'unit' } as const;
  assert.deepEqual(sortFromTable({ columnKey: 'unit', order: 'descend' }, keys), { sortBy: 'unit', sortOrder: 'desc' });
  assert.deepEqual(sortFromTable([{ columnKey: 'name', order: 'ascend' }], keys), { sortBy: 'name', sortOrder: 'asc' });
  assert.deepEqual(sortFromTable({ columnKey: 'name', order: null }, keys), { sortBy: undefined, sortOrder: 'asc' }, 'sort cleared');
  assert.deepEqual(sortFromTable({ columnKey: 'gender', order: 'ascend' }, keys), { sortBy: undefined, sortOrder: 'asc' }, 'not sortable');
  const sort = { sortBy: 'unit' as 'name' | 'unit' | undefined, sortOrder: 'desc' as const };
  assert.equal(columnSortOrder(sort, 'unit'), 'descend');
  assert.equal(columnSortOrder(sort, 'name'), null);
});
