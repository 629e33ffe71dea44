/**
 * 人员库: server-side search, filters, sorting and paging (people.list — the list is
 * never loaded whole). Search-as-you-type is IME-safe (see lib/ime.ts).
 */
import { App, Button, Checkbox, Input, Space, Tag, Tooltip } from 'antd';
import { FilterSelect } from '../../components/FilterSelect';
import { ListPage } from '../../components/ListPage';
import { usePagedList } from '../../lib/usePagedList';
import type { TableProps } from 'antd';
import { useMemo, useState } from 'react';
import { PERSON_CATEGORIES, POLITICAL_STATUSES, type PeopleSortKey, type PersonListItem } from '../../../core/people/contract';
import { errorMessage } from '../../api/errors';
import { useApiMutation } from '../../api/hooks';
import { PersonPicker } from '../../components/PersonPicker';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { formatBirthMonth } from '../../lib/format';
import { useImeSafeSearch } from '../../lib/ime';
import { useDialog } from '../../lib/useDialog';
import { useUnits } from '../../lib/useUnits';
import { Link } from 'react-router';
import { personDossierPath } from '../../lib/links';
import { PersonFormModal } from './PersonFormModal';

type Category = (typeof PERSON_CATEGORIES)[number];
type PoliticalStatus = (typeof POLITICAL_STATUSES)[number];

const SORT_KEYS: Record<string, PeopleSortKey> = { name: 'name', unit: 'unit', birthMonth: 'birthMonth' };

export function PeoplePage() {
  const { modal, message } = App.useApp();
  const search = useImeSafeSearch();
  const units = useUnits();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [includeSubunits, setIncludeSubunits] = useState(true);
  const [category, setCategory] = useState<Category | undefined>();
  const [politicalStatus, setPoliticalStatus] = useState<PoliticalStatus | undefined>();
  const editing = useDialog<{ id: string | null }>();
  const [quickPick, setQuickPick] = useState<string | null>(null);

  const people = usePagedList(
    'people.list',
    { query: search.searched, ...(unitId ? { unitId, includeSubunits } : {}), category, politicalStatus },
    {
      pageSizes: [20, 50, 100, 200],
      sortKeys: SORT_KEYS,
      total: (total, capped) =>
        capped ? `匹配超过 ${total} 人，仅显示前 ${total} 人，请输入更多字或加筛选条件缩小范围` : `共 ${total} 人`,
    },
  );
  const remove = useApiMutation('people.delete');

  const confirmDelete = (p: PersonListItem) => {
    modal.confirm({
      title: `删除“${p.name}”？`,
      content: (
        <>
          <div>{[unitLabel(p, units.paths), p.position, formatBirthMonth(p.birthMonth)].filter(Boolean).join('，')}</div>
          <div style={{ marginTop: 8 }}>删除后可在回收站恢复。</div>
        </>
      ),
      okText: '删除',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await remove.mutateAsync({ id: p.id });
          message.success(`已删除“${p.name}”，可在回收站恢复。`);
        } catch (e) {
          message.error(errorMessage(e));
        }
      },
    });
  };

  const columns = useMemo<TableProps<PersonListItem>['columns']>(
    () => [
      {
        title: '姓名',
        dataIndex: 'name',
        key: 'name',
        sorter: true,
        sortOrder: people.sortOrderOf('name'),
        width: 140,
        render: (_v, p) => (
          <Space size={4}>
            <Link to={personDossierPath(p.id)}>{p.name}</Link>
            {p.homonymCount > 0 ? (
              <Tooltip title={`人员库中还有${p.homonymCount}位同名人员，请以单位和出生年月区分`}>
                <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                  同名
                </Tag>
              </Tooltip>
            ) : null}
          </Space>
        ),
      },
      { title: '性别', dataIndex: 'gender', key: 'gender', width: 64 },
      {
        title: '出生年月',
        dataIndex: 'birthMonth',
        key: 'birthMonth',
        sorter: true,
        sortOrder: people.sortOrderOf('birthMonth'),
        width: 110,
        render: (v: string | null) => formatBirthMonth(v),
      },
      {
        title: '单位',
        dataIndex: 'unitName',
        key: 'unit',
        sorter: true,
        sortOrder: people.sortOrderOf('unit'),
        render: (_v, p) => unitLabel(p, units.paths),
      },
      { title: '职务', dataIndex: 'position', key: 'position' },
      { title: '政治面貌', dataIndex: 'politicalStatus', key: 'politicalStatus', width: 110 },
      {
        title: '身份证号',
        dataIndex: 'idNumberMasked',
        key: 'idNumber',
        width: 190,
        render: (v: string | null) => <span style={{ fontFamily: 'monospace' }}>{v}</span>,
      },
      {
        title: '操作',
        key: 'actions',
        width: 120,
        render: (_v, p) => (
          <Space size={4}>
            <Button type="link" size="small" onClick={() => editing.open({ id: p.id })}>
              编辑
            </Button>
            <Button type="link" size="small" danger onClick={() => confirmDelete(p)}>
              删除
            </Button>
          </Space>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [people.sort, units.paths, editing.open],
  );

  return (
    <ListPage<PersonListItem>
      title="人员库"
      tools={
        <>
          <span>快速查找</span>
          <PersonPicker
            aria-label="快速查找"
            style={{ width: 320 }}
            value={quickPick}
            placeholder="输入姓名或拼音，选中后打开编辑"
            onChange={(id) => {
              setQuickPick(null);
              if (id) editing.open({ id });
            }}
          />
        </>
      }
      exportRequest={{ list: 'people', filter: people.exportFilter }}
      create={{ label: '新增人员', onClick: () => editing.open({ id: null }) }}
      filtersLabel="筛选人员"
      filters={
        <>
          <Input
            {...search.inputProps}
            allowClear
            aria-label="搜索人员"
            placeholder="姓名、拼音首字母（如 zs）、全拼、单位或职务"
            style={{ width: 340 }}
          />
          <Space size={4}>
            <UnitTreeSelect aria-label="按单位筛选" placeholder="全部单位" value={unitId} onChange={setUnitId} style={{ width: 240 }} />
            <Checkbox checked={includeSubunits} onChange={(e) => setIncludeSubunits(e.target.checked)} disabled={!unitId}>
              含下级
            </Checkbox>
          </Space>
          <FilterSelect
            label="按人员类别筛选"
            placeholder="全部类别"
            width={140}
            value={category}
            onChange={setCategory}
            values={PERSON_CATEGORIES}
          />
          <FilterSelect
            label="按政治面貌筛选"
            placeholder="全部政治面貌"
            width={150}
            value={politicalStatus}
            onChange={setPoliticalStatus}
            values={POLITICAL_STATUSES}
          />
        </>
      }
      paged={people}
      columns={columns}
      rowKey="id"
      onOpen={(p) => editing.open({ id: p.id })}
      emptyText={people.filtered ? '没有符合条件的人员' : '人员库还是空的，点击“新增人员”添加'}
    >
      <PersonFormModal
        key={editing.key}
        open={editing.isOpen}
        personId={editing.value?.id ?? null}
        defaults={unitId ? { unitId } : undefined}
        onClose={editing.close}
      />
    </ListPage>
  );
}

function unitLabel(p: PersonListItem, paths: Map<string, string>): string {
  return p.unitPath ?? (p.unitId ? paths.get(p.unitId) : undefined) ?? p.unitName ?? '';
}
