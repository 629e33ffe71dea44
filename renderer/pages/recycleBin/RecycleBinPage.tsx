/** 回收站: deleted people and units, newest first, with who deleted them and when; 恢复 brings one back. */
import { Alert, App, Button, Segmented, Tag } from 'antd';
import { useState } from 'react';
import { RECYCLABLE_LABELS, type RecyclableEntity, type RecycledItem } from '../../../core/recycleBin/contract';
import { errorMessage } from '../../api/errors';
import { useApiMutation } from '../../api/hooks';
import { ListPage } from '../../components/ListPage';
import { usePagedList } from '../../lib/usePagedList';
import { formatDateTime } from '../../lib/format';

type Filter = 'all' | RecyclableEntity;

export function RecycleBinPage() {
  const { modal, message } = App.useApp();
  const [filter, setFilter] = useState<Filter>('all');
  const [error, setError] = useState<string | null>(null);
  const recycled = usePagedList(
    'recycleBin.list',
    { entity: filter === 'all' ? undefined : filter },
    { total: (total) => `共 ${total} 条` },
  );
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
    <ListPage<RecycledItem>
      title="回收站"
      exportRequest={{ list: 'recycleBin', filter: recycled.filter }}
      actions={
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: '全部' },
            { value: 'person', label: '人员' },
            { value: 'unit', label: '单位' },
          ]}
        />
      }
      notices={
        error ? (
          <Alert
            type="error"
            showIcon
            title={error}
            closable={{ onClose: () => setError(null) }}
            style={{ marginBottom: 12 }}
            role="alert"
          />
        ) : null
      }
      paged={recycled}
      rowKey={(r) => `${r.entity}:${r.id}`}
      emptyText="回收站是空的"
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
    />
  );
}
