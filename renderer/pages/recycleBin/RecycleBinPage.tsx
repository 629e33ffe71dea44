/** 回收站: deleted people and units, newest first, with who deleted them and when; 恢复 brings one back. */
import { Alert, App, Button, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { RECYCLABLE_LABELS, type RecyclableEntity, type RecycledItem } from '../../../core/recycleBin/contract';
import { errorMessage } from '../../api/errors';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { formatDateTime } from '../../lib/format';
import { PageHeader } from '../PageHeader';

type Filter = 'all' | RecyclableEntity;

export function RecycleBinPage() {
  const { modal, message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [error, setError] = useState<string | null>(null);
  const list = useApiQuery('recycleBin.list', { ...(filter === 'all' ? {} : { entity: filter }), page, pageSize }, { keepPrevious: true });
  const restore = useApiMutation('recycleBin.restore');

  const confirmRestore = (item: RecycledItem) => {
    setError(null);
    modal.confirm({
      title: `恢复${RECYCLABLE_LABELS[item.entity]}“${item.title}”？`,
      content: '恢复后该记录回到原来的位置，可以正常查询和修改。',
      okText: '恢复',
      cancelText: '取消',
      onOk: async () => {
        try {
          await restore.mutateAsync({ entity: item.entity, id: item.id });
          message.success(`已恢复“${item.title}”`);
        } catch (e) {
          setError(errorMessage(e));
        }
      },
    });
  };

  return (
    <div>
      <PageHeader
        title="回收站"
        extra={
          <Segmented<Filter>
            value={filter}
            onChange={(v) => {
              setFilter(v);
              setPage(1);
            }}
            options={[
              { value: 'all', label: '全部' },
              { value: 'person', label: '人员' },
              { value: 'unit', label: '单位' },
            ]}
          />
        }
      />
      {error ? (
        <Alert type="error" showIcon title={error} closable={{ onClose: () => setError(null) }} style={{ marginBottom: 12 }} role="alert" />
      ) : null}
      {list.error ? <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} /> : null}
      <Table<RecycledItem>
        rowKey={(r) => `${r.entity}:${r.id}`}
        size="middle"
        dataSource={list.data?.items ?? []}
        loading={list.isFetching}
        locale={{ emptyText: '回收站是空的' }}
        columns={[
          {
            title: '类型',
            dataIndex: 'entity',
            width: 80,
            render: (v: RecyclableEntity) => <Tag color={v === 'person' ? 'blue' : 'purple'}>{RECYCLABLE_LABELS[v]}</Tag>,
          },
          { title: '名称', dataIndex: 'title' },
          { title: '所在单位 / 上级单位', dataIndex: 'detail' },
          { title: '删除人', dataIndex: 'deletedByName', width: 120 },
          { title: '删除时间', dataIndex: 'deletedAt', width: 190, render: (v: string) => formatDateTime(v) },
          {
            title: '操作',
            key: 'actions',
            width: 90,
            render: (_v, item) => (
              <Button type="link" size="small" onClick={() => confirmRestore(item)}>
                恢复
              </Button>
            ),
          },
        ]}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          showSizeChanger: true,
          showTotal: (total) => `共 ${total} 条`,
          onChange: (p, size) => {
            if (size !== pageSize) {
              setPageSize(size);
              setPage(1);
            } else setPage(p);
          },
        }}
      />
    </div>
  );
}
