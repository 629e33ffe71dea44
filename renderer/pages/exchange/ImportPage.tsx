/**
 * 导入: people and units, 处分, 在查事项 and a campaign's 承诺书名单 from Excel/WPS. Pick a file (.xlsx or CSV in UTF-8 or GBK), check the
 * column mapping guessed from the headers, read the row report (new / existing: update
 * or skip / invalid and why), then confirm: all valid rows go in together, or none.
 * Nothing is written before the confirmation.
 */
import { Alert, App, Button, Card, Flex, Radio, Select, Space, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import {
  IMPORT_KIND_LABELS,
  IMPORT_ROW_CAP,
  type ImportKind,
  type ImportResult,
  type ImportRowReport,
  type ImportRowStatus,
} from '../../../core/exchange/importContract';
import { call } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { PageHeader } from '../PageHeader';
import { ColumnMappingCard, PickFileButton, ReportRows, StatusTag } from './importParts';
import { useImportPreview, type ExistingChoice } from './useImportPreview';

/** The report's status filters, in this screen's words. */
const FILTERS: [ImportRowStatus, string][] = [
  ['invalid', '有错误'],
  ['new', '新增'],
  ['update', '有变化'],
  ['unchanged', '无变化'],
];

export function ImportPage() {
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<ImportKind>('people');
  const [existing, setExisting] = useState<ExistingChoice>('update');
  const [result, setResult] = useState<ImportResult | null>(null);
  /** The campaign a 承诺书名单 goes into. */
  const [campaignId, setCampaignId] = useState<string | null>(null);
  const campaigns = useQuery({
    queryKey: ['pledgeCampaigns.list', 'import'],
    queryFn: () => call('pledgeCampaigns.list', { page: 1, pageSize: 200 }),
    enabled: kind === 'pledgeRoster',
  });
  const target = kind === 'pledgeRoster' ? { campaignId } : {};
  const imp = useImportPreview({ kind, existing, ...target }, { onStart: () => setResult(null) });
  const { file, preview, busy } = imp;

  const toWrite = preview ? preview.counts.new + (existing === 'update' ? preview.counts.update : 0) : 0;
  const confirm = () => {
    if (!preview) return;
    modal.confirm({
      title: '确认导入？',
      content: `将新增${preview.counts.new}条${existing === 'update' ? `、更新${preview.counts.update}条` : `，已有记录${preview.counts.update}条不更新`}；${preview.counts.invalid}行有错误，不导入。全部一次写入，任何一行失败则全部不写入。`,
      okText: '确认导入',
      cancelText: '取消',
      onOk: async () => {
        try {
          const r = await call('imports.commit', {
            kind,
            ...target,
            existing,
            rows: imp.validRows.map((row) => ({ line: row.line, expect: row.status as 'new', values: row.values })),
          });
          setResult(r);
          imp.reset();
          await queryClient.invalidateQueries();
          message.success('导入完成');
        } catch (e) {
          imp.setError(errorMessage(e));
        }
      },
    });
  };

  const fieldLabel = (key: string) => preview?.fields.find((f) => f.key === key)?.label ?? key;
  const shownKeys = preview
    ? preview.fields
        .filter((f) => preview.mapping[f.key] !== null && preview.mapping[f.key] !== undefined)
        .map((f) => f.key)
        .slice(0, 5)
    : [];
  const columns: TableProps<ImportRowReport>['columns'] = [
    { title: '行号', dataIndex: 'line', key: 'line', width: 70 },
    {
      title: '结果',
      dataIndex: 'status',
      key: 'status',
      width: 120,
      render: (s: ImportRowStatus) => <StatusTag status={s} />,
    },
    ...shownKeys.map((k) => ({ title: fieldLabel(k), key: k, render: (_v: unknown, r: ImportRowReport) => r.values[k] })),
    {
      title: '说明',
      dataIndex: 'reason',
      key: 'reason',
      render: (v: string | null, r) => <Typography.Text type={r.status === 'invalid' ? 'danger' : 'secondary'}>{v}</Typography.Text>,
    },
  ];

  return (
    <div>
      <PageHeader
        title="导入"
        extra={
          <>
            <Select<ImportKind>
              aria-label="导入内容"
              value={kind}
              style={{ width: 160 }}
              onChange={(k) => {
                setKind(k);
                imp.reset();
              }}
              options={Object.entries(IMPORT_KIND_LABELS).map(([value, label]) => ({ value: value as ImportKind, label }))}
            />
            {kind === 'pledgeRoster' ? (
              <Select<string>
                aria-label="承诺批次"
                placeholder="选择承诺批次"
                value={campaignId ?? undefined}
                style={{ width: 240 }}
                loading={campaigns.isLoading}
                onChange={(id) => {
                  setCampaignId(id);
                  imp.reset();
                }}
                options={(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.year}年 ${c.title}` }))}
              />
            ) : null}
            <Button onClick={() => void imp.downloadTemplate()}>下载导入模板</Button>
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={16} align="center" wrap>
          <PickFileButton onPick={imp.pick} busy={busy} disabled={kind === 'pledgeRoster' && !campaignId} />
          <Typography.Text type="secondary">
            支持 Excel（.xlsx）和 CSV（UTF-8 或 GBK 编码，如 WPS、Excel 另存的 CSV）；一次最多{IMPORT_ROW_CAP}行、15MB。
            {kind === 'pledgeRoster' && !campaignId ? '请先选择要导入名单的承诺批次。' : ''}
            {file ? `当前文件：${file.fileName}` : ''}
          </Typography.Text>
        </Flex>
      </Card>
      {imp.error ? <Alert type="error" showIcon title={imp.error} style={{ marginBottom: 12 }} /> : null}
      {result ? (
        <Alert
          type="success"
          showIcon
          data-testid="import-result"
          title={`导入完成：新增${result.created}条，更新${result.updated}条，无变化${result.unchanged}条，未更新${result.skipped}条${kind === 'people' ? `，新建单位${result.unitsCreated}个` : ''}。`}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {preview && file ? (
        <>
          <ColumnMappingCard preview={preview} disabled={busy} onChange={(m) => imp.rerun(m)} />
          <Card
            size="small"
            title={
              <Space wrap data-testid="import-counts">
                <span>共{preview.rows.length}行：</span>
                <Tag color="green">新增 {preview.counts.new}</Tag>
                <Tag color="blue">已有有变化 {preview.counts.update}</Tag>
                <Tag>已有无变化 {preview.counts.unchanged}</Tag>
                <Tag color="red">有错误 {preview.counts.invalid}</Tag>
                {preview.newUnits.length ? <Tag color="gold">将新建单位 {preview.newUnits.length}</Tag> : null}
              </Space>
            }
            extra={
              <Space wrap>
                <span>{kind === 'people' ? '已有人员：' : '已有记录：'}</span>
                <Radio.Group
                  value={existing}
                  onChange={(e) => {
                    const mode = e.target.value as ExistingChoice;
                    setExisting(mode);
                    imp.rerun(undefined, { existing: mode });
                  }}
                  options={[
                    { value: 'update', label: '按文件更新' },
                    { value: 'skip', label: '跳过不改' },
                  ]}
                />
                <Button type="primary" disabled={!toWrite || busy} onClick={confirm}>
                  确认导入（{toWrite}条）
                </Button>
              </Space>
            }
          >
            {preview.newUnits.length ? (
              <Typography.Paragraph type="secondary">将新建的单位：{preview.newUnits.join('、')}</Typography.Paragraph>
            ) : null}
            <ReportRows report={imp} filters={FILTERS} columns={columns} />
          </Card>
        </>
      ) : null}
    </div>
  );
}
