/** A dossier tab's list with 修改/删除 (删除 after a confirmation; by default records go to the 回收站). */
import { App, Button, Space, Table } from 'antd';
import type { TableProps } from 'antd';
import { errorMessage } from '../../api/errors';

export function RecordTable<T extends { id: string }>({
  rows,
  columns,
  mayEdit,
  emptyText,
  onEdit,
  onDelete,
  deleteTitle,
  deleteContent = () => '删除后可在回收站恢复。',
  deletedMessage = '已删除，可在回收站恢复',
}: {
  rows: T[];
  columns: NonNullable<TableProps<T>['columns']>;
  mayEdit: boolean;
  emptyText: string;
  onEdit: (row: T) => void;
  onDelete: (row: T) => Promise<unknown>;
  deleteTitle: (row: T) => string;
  deleteContent?: (row: T) => string;
  deletedMessage?: string;
}) {
  const { modal, message } = App.useApp();
  const actions: NonNullable<TableProps<T>['columns']> = mayEdit
    ? [
        {
          title: '操作',
          key: 'actions',
          width: 120,
          render: (_v: unknown, row: T) => (
            <Space size={0}>
              <Button type="link" size="small" onClick={() => onEdit(row)}>
                修改
              </Button>
              <Button
                type="link"
                size="small"
                danger
                onClick={() =>
                  modal.confirm({
                    title: deleteTitle(row),
                    content: deleteContent(row),
                    okText: '删除',
                    okButtonProps: { danger: true },
                    cancelText: '取消',
                    onOk: async () => {
                      try {
                        await onDelete(row);
                        message.success(deletedMessage);
                      } catch (e) {
                        message.error(errorMessage(e));
                      }
                    },
                  })
                }
              >
                删除
              </Button>
            </Space>
          ),
        },
      ]
    : [];
  return (
    <Table<T> rowKey="id" size="middle" columns={[...columns, ...actions]} dataSource={rows} pagination={false} locale={{ emptyText }} />
  );
}
