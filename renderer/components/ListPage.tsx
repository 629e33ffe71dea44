/**
 * The frame every list page shares: title with 导出 and the page's buttons, the filter
 * bar, notices, the list's own error, and the table (a double-click on a row opens it; a
 * link in the row is the keyboard's way in). The paging and filter state come from usePagedList; each page keeps only its
 * filters, columns and texts.
 */
import { Alert, Button, Card, Flex, Table } from 'antd';
import type { TableProps } from 'antd';
import type { Key, ReactNode } from 'react';
import type { Channel, Input } from '../../core/api';
import { useCan } from '../lib/permissions';
import { PageHeader } from '../pages/PageHeader';
import { ExportButton } from './ExportButton';

/** What ListPage needs of usePagedList's result. */
export interface PagedTable<T> {
  list: { error: { message: string } | null };
  table: Pick<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'onChange'>;
}

export interface ListPageProps<T> {
  title: ReactNode;
  /** Shown before 导出 (e.g. a quick finder). */
  tools?: ReactNode;
  /** The list's 导出 (Excel/CSV of what is filtered); none for lists that are not exported. */
  exportRequest?: Omit<Input<'exports.list'>, 'format'>;
  /** The page's main button (新增…), shown after 导出 when the account has the right to `channel`. */
  create?: { label: string; channel?: Channel; onClick: () => void };
  /** Other buttons, after 导出. */
  actions?: ReactNode;
  /** The filter controls; the bar is a search landmark named by filtersLabel. */
  filters?: ReactNode;
  filtersLabel?: string;
  /** Alerts between the filters and the table (a failed action, a check's result). */
  notices?: ReactNode;
  paged: PagedTable<T>;
  columns: TableProps<T>['columns'];
  rowKey: string | ((row: T) => Key);
  emptyText: ReactNode;
  /** Double-click on a row opens it (its first cell also links there, for the keyboard). */
  onOpen?: (row: T) => void;
  size?: 'small' | 'middle';
  /** Anything else the table needs (row classes, expandable rows). */
  tableProps?: Omit<TableProps<T>, 'columns' | 'rowKey' | 'dataSource' | 'loading' | 'pagination' | 'onChange' | 'locale' | 'size'>;
  /** Dialogs the page opens. */
  children?: ReactNode;
}

export function ListPage<T extends object>(props: ListPageProps<T>) {
  const { paged, create } = props;
  const can = useCan();
  const mayCreate = create && (!create.channel || can(create.channel));
  const hasHeaderExtra = props.tools || props.exportRequest || props.actions || mayCreate;
  return (
    <div>
      <PageHeader
        title={props.title}
        extra={
          hasHeaderExtra ? (
            <>
              {props.tools}
              {props.exportRequest ? <ExportButton request={props.exportRequest} /> : null}
              {mayCreate ? (
                <Button type="primary" onClick={create.onClick}>
                  {create.label}
                </Button>
              ) : null}
              {props.actions}
            </>
          ) : undefined
        }
      />
      {props.filters ? (
        <Card size="small" style={{ marginBottom: 12 }} role="search" aria-label={props.filtersLabel ?? '筛选'}>
          <Flex gap={12} wrap align="center">
            {props.filters}
          </Flex>
        </Card>
      ) : null}
      {props.notices}
      {paged.list.error ? <Alert type="error" showIcon title={paged.list.error.message} style={{ marginBottom: 12 }} /> : null}
      <Table<T>
        rowKey={props.rowKey}
        size={props.size ?? 'middle'}
        columns={props.columns}
        locale={{ emptyText: props.emptyText }}
        {...(props.onOpen ? { onRow: (row: T) => ({ onDoubleClick: () => props.onOpen?.(row) }) } : {})}
        {...props.tableProps}
        {...paged.table}
      />
      {props.children}
    </div>
  );
}
