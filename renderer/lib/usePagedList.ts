/**
 * A server-paged list (a channel whose result is Paged<T>): the filter's unset fields
 * dropped, page 1 again on a new filter or page size, the last page kept on screen while
 * the next loads, optional server sort, and the props a Table needs. The rules themselves
 * are in pagedList.ts.
 */
import type { TablePaginationConfig, TableProps } from 'antd';
import { useState } from 'react';
import type { Channel, Input, Result } from '../../core/api';
import type { Paged } from '../../core/shared/fields';
import { useApiQuery } from '../api/hooks';
import {
  PAGE_SIZES,
  columnSortOrder,
  compactFilter,
  currentPage,
  filterKeyOf,
  nextPaging,
  sortFromTable,
  type LooseFilter,
  type SortOrder,
} from './pagedList';

/** The channels whose result is one page of a list. */
export type PagedChannel = { [C in Channel]: Result<C> extends Paged<unknown> ? C : never }[Channel];
export type ItemOf<C extends PagedChannel> = Result<C> extends Paged<infer T> ? T : never;
/** What a list page filters by: the channel's input less paging and sort. */
export type FilterOf<C extends PagedChannel> = Omit<Input<C>, 'page' | 'pageSize' | 'sortBy' | 'sortOrder'>;

export interface PagedListOptions<K extends string> {
  /** "共 N 人": the pager's total, in the list's own unit. */
  total: (n: number, capped: boolean) => string;
  pageSizes?: number[];
  /** The first page size (default: the first of pageSizes). */
  pageSize?: number;
  enabled?: boolean;
  /** Table column key → the server's sortBy value, for lists the server sorts. */
  sortKeys?: Record<string, K>;
}

export function usePagedList<C extends PagedChannel, K extends string = never>(
  channel: C,
  filter: LooseFilter<FilterOf<C>>,
  options: PagedListOptions<K>,
) {
  const pageSizes = options.pageSizes ?? PAGE_SIZES;
  const compact = compactFilter<FilterOf<C>>(filter);
  const filterKey = filterKeyOf(compact);
  const [paging, setPaging] = useState({ filterKey, page: 1, pageSize: options.pageSize ?? pageSizes[0] ?? 20 });
  const [sort, setSort] = useState<{ sortBy: K | undefined; sortOrder: SortOrder }>({ sortBy: undefined, sortOrder: 'asc' });
  const page = currentPage(paging, filterKey);
  const { pageSize } = paging;

  const input = { ...compact, ...(sort.sortBy ? sort : {}), page, pageSize } as unknown as Input<C>;
  const list = useApiQuery(channel, input, { keepPrevious: true, enabled: options.enabled ?? true });
  const data = list.data as Paged<ItemOf<C>> | undefined;

  const pagination: TablePaginationConfig = {
    current: page,
    pageSize,
    total: data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: pageSizes,
    showTotal: (n) => options.total(n, !!data?.capped),
  };
  const onChange: NonNullable<TableProps<ItemOf<C>>['onChange']> = (pager, _filters, sorter) => {
    if (options.sortKeys) setSort(sortFromTable(sorter, options.sortKeys));
    setPaging(nextPaging(paging, filterKey, pager));
  };

  return {
    list,
    page,
    pageSize,
    /** The filter as the server gets it. */
    filter: compact,
    /** What 导出 sends: the filter and sort of the list, every page of it. */
    exportFilter: { ...compact, ...(sort.sortBy ? sort : {}) },
    /**
     * Whether any filter field is set (the empty list then says "没有符合条件的…"). A list
     * scoped by a record (a campaign's roster) decides this itself.
     */
    filtered: Object.keys(compact).length > 0,
    sort,
    sortOrderOf: (key: K) => columnSortOrder(sort, key),
    table: { dataSource: data?.items ?? [], loading: list.isFetching, pagination, onChange },
  };
}
