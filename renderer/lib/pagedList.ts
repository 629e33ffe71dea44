/**
 * The state rules of a server-paged list, kept free of React so they are unit-tested
 * (renderer/test/pagedList.test.ts). usePagedList.ts wires them to the table.
 */

/** Page sizes a list offers unless it says otherwise. */
export const PAGE_SIZES = [20, 50, 100];

/** Which page of which filter is shown, and how many rows a page has. */
export interface PagingState {
  /** The filter the page number belongs to (see filterKeyOf). */
  filterKey: string;
  page: number;
  pageSize: number;
}

export type SortOrder = 'asc' | 'desc';

/** A filter as the page builds it: an unset field may be undefined, null or ''. */
export type LooseFilter<F> = { [K in keyof F]?: F[K] | null | '' };

/**
 * The filter without its unset fields: what the server gets and what 导出 exports. An
 * empty string, null or undefined means "not filtered", never "match the empty value".
 */
export function compactFilter<F extends object>(filter: LooseFilter<F>): Partial<F> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(filter)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out as Partial<F>;
}

/** A stable key of a filter: field order does not matter, unset fields do not count. */
export function filterKeyOf(filter: object): string {
  const compact = compactFilter(filter as LooseFilter<Record<string, unknown>>);
  return JSON.stringify(
    Object.keys(compact)
      .sort()
      .map((k) => [k, compact[k]]),
  );
}

/** The page to show: a new search or filter starts again at page 1. */
export function currentPage(state: PagingState, filterKey: string): number {
  return state.filterKey === filterKey ? state.page : 1;
}

/** After the table's pager moved: a new page size starts again at page 1 (the old page may not exist). */
export function nextPaging(state: PagingState, filterKey: string, pager: { current?: number; pageSize?: number }): PagingState {
  if (pager.pageSize && pager.pageSize !== state.pageSize) return { filterKey, page: 1, pageSize: pager.pageSize };
  return { filterKey, page: pager.current ?? 1, pageSize: state.pageSize };
}

/** antd's sorter (one column or several) as the server's sortBy/sortOrder; a column the server cannot sort by clears the sort. */
export function sortFromTable<K extends string>(
  sorter: { columnKey?: unknown; order?: 'ascend' | 'descend' | null } | { columnKey?: unknown; order?: 'ascend' | 'descend' | null }[],
  keys: Record<string, K>,
): { sortBy: K | undefined; sortOrder: SortOrder } {
  const s = Array.isArray(sorter) ? sorter[0] : sorter;
  const sortBy = s?.order ? keys[String(s.columnKey)] : undefined;
  return { sortBy, sortOrder: s?.order === 'descend' ? 'desc' : 'asc' };
}

/** The order antd draws on a column header for the current sort. */
export function columnSortOrder<K extends string>(
  sort: { sortBy: K | undefined; sortOrder: SortOrder },
  key: K,
): 'ascend' | 'descend' | null {
  return sort.sortBy === key ? (sort.sortOrder === 'asc' ? 'ascend' : 'descend') : null;
}
