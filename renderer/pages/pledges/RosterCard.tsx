/**
 * The roster of a campaign, paged by the server (pledgeRoster.list): filter 全部/已签/未签,
 * by unit, search by name (IME-safe); per person 登记签订, 扫描件 (upload: file → base64 →
 * pledgeRoster.uploadScan, checked by content on the server; view), 履诺核查, 移出; several
 * selected → 批量登记.
 */
import { ExportButton } from '../../components/ExportButton';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Input, Segmented, Space, Table, Tag, Tooltip, Typography, Upload } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import type { CampaignDetail, RosterEntry } from '../../../core/pledges/contract';
import { call } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { queryKey, useApiMutation } from '../../api/hooks';
import { personDistinguisher } from '../../components/PersonPicker';
import { UnitTreeSelect } from '../../components/UnitTreeSelect';
import { cnDate } from '../../lib/dates';
import { fileToBase64 } from '../../lib/files';
import { useImeSafeSearch } from '../../lib/ime';
import { usePagedList } from '../../lib/usePagedList';
import { useCan } from '../../lib/permissions';
import { useDialog } from '../../lib/useDialog';
import { BreachCheckModal, BulkSignoffModal, ScanViewer } from './RosterDialogs';
import { SignoffDrawer } from './SignoffDrawer';

export type RosterFilter = 'all' | 'signed' | 'unsigned';

export interface RosterView {
  filter: RosterFilter;
  unitId: string | null;
}

export interface RosterCardProps {
  campaign: CampaignDetail;
  view: RosterView;
  onViewChange: (view: RosterView) => void;
  onAdd: () => void;
  extra?: React.ReactNode;
}

export function RosterCard({ campaign, view, onViewChange, onAdd, extra }: RosterCardProps) {
  const { modal, message } = App.useApp();
  const can = useCan();
  const queryClient = useQueryClient();
  const search = useImeSafeSearch();
  const [selected, setSelected] = useState<Map<string, RosterEntry>>(new Map());
  const [scanError, setScanError] = useState<string | null>(null);
  const [uploadingId, setUploadingId] = useState<string | null>(null);
  const signing = useDialog<RosterEntry>();
  const bulk = useDialog();
  const checking = useDialog<RosterEntry>();
  const [viewing, setViewing] = useState<RosterEntry | null>(null);
  const remove = useApiMutation('pledgeRoster.remove');

  const roster = usePagedList(
    'pledgeRoster.list',
    { campaignId: campaign.id, filter: view.filter === 'all' ? undefined : view.filter, unitId: view.unitId, query: search.searched },
    { pageSizes: [20, 50, 100, 200], pageSize: 50, total: (total) => `共 ${total} 人` },
  );
  const { list } = roster;

  const mayWrite = can('pledgeRoster.signoff');
  const selectedEntries = [...selected.values()];

  const uploadScan = async (entry: RosterEntry, file: File) => {
    setScanError(null);
    setUploadingId(entry.id);
    try {
      // The server tells the type by the content (not the name) and checks the size.
      await call('pledgeRoster.uploadScan', { rosterId: entry.id, fileName: file.name, contentBase64: await fileToBase64(file) });
      await queryClient.invalidateQueries({ queryKey: queryKey('pledgeRoster.list') });
      message.success(`已上传${entry.person.name}的扫描件`);
    } catch (e) {
      setScanError(`${entry.person.name}：${errorMessage(e)}`);
    } finally {
      setUploadingId(null);
    }
  };

  const confirmRemove = (entry: RosterEntry) =>
    modal.confirm({
      title: `将${entry.person.name}移出名单？`,
      okText: '移出',
      okButtonProps: { danger: true },
      cancelText: '取消',
      onOk: async () => {
        try {
          await remove.mutateAsync({ rosterId: entry.id });
          setSelected((s) => {
            const next = new Map(s);
            next.delete(entry.id);
            return next;
          });
          message.success(`已将${entry.person.name}移出名单`);
        } catch (e) {
          modal.error({ title: '不能移出', content: errorMessage(e), okText: '知道了' });
        }
      },
    });

  const columns: TableProps<RosterEntry>['columns'] = [
    {
      title: '姓名',
      key: 'name',
      width: 110,
      render: (_v, r) => (
        <Space size={4}>
          <span>{r.person.name}</span>
          {r.person.homonymCount > 0 ? (
            <Tooltip title={personDistinguisher(r.person)}>
              <Tag color="orange" style={{ marginInlineEnd: 0 }}>
                同名
              </Tag>
            </Tooltip>
          ) : null}
        </Space>
      ),
    },
    { title: '单位', key: 'unit', width: 200, render: (_v, r) => r.person.unitPath ?? r.person.unitName ?? '' },
    { title: '职务', key: 'position', width: 110, render: (_v, r) => r.person.position ?? '' },
    {
      title: '签订',
      key: 'signed',
      width: 76,
      render: (_v, r) => (r.signed ? <Tag color="green">已签</Tag> : <Tag color="red">未签</Tag>),
    },
    { title: '签订日期', dataIndex: 'signedDate', key: 'signedDate', width: 124, render: (v: string | null) => cnDate(v) },
    { title: '方式', dataIndex: 'signMethod', key: 'signMethod', width: 60 },
    { title: '留存', key: 'copies', width: 130, render: (_v, r) => r.copies.join('、') },
    ...(campaign.needsCosigner
      ? ([
          {
            title: `共同签名人（${campaign.cosignerLabel ?? '家属'}）`,
            key: 'cosigner',
            width: 140,
            render: (_v, r) => (r.cosignerName ? `${r.cosignerName}${r.cosignerRelation ? `（${r.cosignerRelation}）` : ''}` : ''),
          },
        ] satisfies TableProps<RosterEntry>['columns'])
      : []),
    {
      title: '扫描件',
      key: 'scan',
      width: 150,
      render: (_v, r) => (
        <Space size={4} wrap>
          {r.scan ? (
            <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setViewing(r)} data-testid="view-scan">
              查看
            </Button>
          ) : (
            <Typography.Text type="secondary">未上传</Typography.Text>
          )}
          {mayWrite ? (
            <Upload
              accept=".jpg,.jpeg,.png,.pdf"
              showUploadList={false}
              beforeUpload={(file) => {
                void uploadScan(r, file);
                return false;
              }}
            >
              <Button size="small" type="link" loading={uploadingId === r.id} aria-label={`上传${r.person.name}的扫描件`}>
                {r.scan ? '重传' : '上传'}
              </Button>
            </Upload>
          ) : null}
        </Space>
      ),
    },
    {
      title: '履诺核查',
      key: 'breach',
      width: 150,
      render: (_v, r) =>
        r.breachCheckedOn ? (
          <Tooltip title={r.breachResult}>
            <span>
              {cnDate(r.breachCheckedOn)}
              <Typography.Text type="secondary" ellipsis style={{ display: 'block', maxWidth: 140, fontSize: 12 }}>
                {r.breachResult}
              </Typography.Text>
            </span>
          </Tooltip>
        ) : (
          ''
        ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 200,
      fixed: 'right',
      render: (_v, r) =>
        mayWrite ? (
          <Space size={0} wrap>
            <Button type="link" size="small" onClick={() => signing.open(r)}>
              {r.signed ? '修改签订' : '登记签订'}
            </Button>
            {r.signed ? (
              <Button type="link" size="small" onClick={() => checking.open(r)}>
                履诺核查
              </Button>
            ) : null}
            {!r.signed ? (
              <Button type="link" size="small" danger onClick={() => confirmRemove(r)}>
                移出
              </Button>
            ) : null}
          </Space>
        ) : null,
    },
  ];

  const bulkBlocked = campaign.needsCosigner ? `该类承诺书须逐人登记${campaign.cosignerLabel ?? '家属'}共同签名人，不能批量登记` : null;

  return (
    <Card
      size="small"
      title={`承诺名单（${campaign.rosterCount}人）`}
      extra={
        <Space>
          {extra}
          <ExportButton
            request={{
              list: 'pledgeRoster',
              filter: { ...roster.filter, campaignId: campaign.id },
            }}
          />
          {can('pledgeRoster.add') ? (
            <Button type="primary" size="small" onClick={onAdd}>
              加入名单
            </Button>
          ) : null}
        </Space>
      }
      data-testid="roster"
    >
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented<RosterFilter>
          aria-label="签订情况"
          value={view.filter}
          onChange={(f) => onViewChange({ ...view, filter: f })}
          options={[
            { value: 'all', label: `全部 ${campaign.rosterCount}` },
            { value: 'signed', label: `已签 ${campaign.signedCount}` },
            { value: 'unsigned', label: `未签 ${campaign.rosterCount - campaign.signedCount}` },
          ]}
        />
        <UnitTreeSelect
          aria-label="按单位筛选名单"
          placeholder="全部单位"
          value={view.unitId}
          onChange={(u) => onViewChange({ ...view, unitId: u })}
          style={{ width: 240 }}
        />
        <Input {...search.inputProps} allowClear aria-label="搜索名单" placeholder="姓名或拼音首字母" style={{ width: 200 }} />
        {mayWrite ? (
          <Tooltip title={bulkBlocked}>
            <Button disabled={!selected.size || !!bulkBlocked} onClick={() => bulk.open(true)}>
              批量登记{selected.size ? `（${selected.size}人）` : ''}
            </Button>
          </Tooltip>
        ) : null}
        {selected.size ? (
          <Button type="link" onClick={() => setSelected(new Map())}>
            取消选择
          </Button>
        ) : null}
      </Flex>
      {scanError ? (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setScanError(null)}
          title={scanError}
          style={{ marginBottom: 12 }}
          role="alert"
          data-testid="scan-error"
        />
      ) : null}
      {list.error ? <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} /> : null}
      <Table<RosterEntry>
        rowKey="id"
        size="small"
        columns={columns}
        scroll={{ x: 'max-content' }}
        rowSelection={
          mayWrite
            ? {
                selectedRowKeys: [...selected.keys()],
                preserveSelectedRowKeys: true,
                onChange: (_keys, rows) =>
                  setSelected((prev) => {
                    // Rows of other pages stay selected; this page's rows follow the table.
                    const onPage = new Set((list.data?.items ?? []).map((r) => r.id));
                    const next = new Map([...prev].filter(([id]) => !onPage.has(id)));
                    for (const r of rows) if (r) next.set(r.id, r);
                    return next;
                  }),
              }
            : undefined
        }
        locale={{
          emptyText:
            view.filter !== 'all' || view.unitId || search.searched
              ? '没有符合条件的人员'
              : '名单为空：点击“加入名单”按单位、按人员或导入名单',
        }}
        {...roster.table}
      />
      <SignoffDrawer
        key={signing.key}
        open={signing.isOpen}
        campaign={campaign}
        entry={signing.value}
        onClose={signing.close}
        onSaved={(e) => message.success(e.signed ? `已登记${e.person.name}签订` : `已将${e.person.name}改为未签订`)}
      />
      <BulkSignoffModal
        key={bulk.key}
        open={bulk.isOpen}
        campaign={campaign}
        entries={selectedEntries}
        onClose={bulk.close}
        onDone={(n) => {
          setSelected(new Map());
          message.success(`已登记${n}人签订`);
        }}
      />
      <BreachCheckModal key={checking.key} open={checking.isOpen} entry={checking.value} onClose={checking.close} />
      {viewing ? <ScanViewer entry={viewing} canRemove={mayWrite} onClose={() => setViewing(null)} /> : null}
    </Card>
  );
}
