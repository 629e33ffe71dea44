/**
 * 导入名单 in the request form: the requester's name list from .xlsx or CSV (UTF-8 or GBK)
 * through the shared import preview (imports.preview, kind 'requestList'): column mapping,
 * then a row report naming, per row, the registered person it matched, a new person, or
 * why the row is invalid. For a matched row whose 单位/职务 differ, the clerk chooses to
 * take them into the person record (更新) or not (跳过); the request names that person
 * either way. "加入名单" only adds the rows to the list: nothing is written until the
 * request is saved, and then all of it in one transaction.
 */
import { Alert, Button, Flex, Modal, Radio, Space, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import type { ImportRowReport, ImportRowStatus } from '../../../core/exchange/importContract';
import { personDistinguisher } from '../../components/PersonPicker';
import { ColumnMappingCard, PickFileButton, ReportRows, StatusTag } from '../exchange/importParts';
import { useImportPreview, type ExistingChoice } from '../exchange/useImportPreview';
import { fromReport, type PersonLine } from './personLines';

const LABELS: Record<ImportRowStatus, string> = { new: '新增人员', update: '已有，有变化', unchanged: '已有，无变化', invalid: '有错误' };

/** The report's status filters, in this screen's words. */
const FILTERS: [ImportRowStatus, string][] = [
  ['invalid', '有错误'],
  ['update', '有变化'],
  ['new', '新增人员'],
];

export function RequestListImport({ onClose, onAdd }: { onClose: () => void; onAdd: (lines: PersonLine[]) => void }) {
  /** Per matched row with changes (by line): take the file's 单位/职务 into the register, or not. */
  const [choice, setChoice] = useState<Record<number, ExistingChoice>>({});
  const imp = useImportPreview({ kind: 'requestList', existing: 'update' }, { onPreview: () => setChoice({}) });
  const { file, preview, busy, validRows: valid } = imp;

  const choiceOf = (r: ImportRowReport) => choice[r.line] ?? 'update';
  const setAll = (c: ExistingChoice) =>
    setChoice(Object.fromEntries((preview?.rows ?? []).filter((r) => r.status === 'update').map((r) => [r.line, c])));
  const add = () => {
    onAdd(valid.map((r) => fromReport(r, choiceOf(r))));
    onClose();
  };

  const columns: TableProps<ImportRowReport>['columns'] = [
    { title: '行号', dataIndex: 'line', key: 'line', width: 60 },
    { title: '结果', key: 'status', width: 110, render: (_v, r) => <StatusTag status={r.status} labels={LABELS} /> },
    {
      title: '名单所列',
      key: 'listed',
      width: 200,
      render: (_v, r) => (
        <span>
          {r.values.name}
          {'\u3000'}
          <Typography.Text type="secondary">{[r.values.unit, r.values.position].filter(Boolean).join('　')}</Typography.Text>
        </span>
      ),
    },
    {
      title: '人员库中的人员',
      key: 'person',
      render: (_v, r) =>
        r.person ? (
          <span data-testid="matched-person">
            {r.person.name}
            {'\u3000'}
            <Typography.Text type="secondary">{personDistinguisher(r.person)}</Typography.Text>
          </span>
        ) : r.status === 'new' ? (
          <Typography.Text type="secondary">（保存来函时新增）</Typography.Text>
        ) : null,
    },
    {
      title: '处理 / 说明',
      key: 'what',
      render: (_v, r) => {
        if (r.status === 'update') {
          return (
            <Space orientation="vertical" size={2}>
              <Typography.Text>名单与人员库不同：{(r.changes ?? []).join('、')}</Typography.Text>
              <Radio.Group
                size="small"
                aria-label={`第${r.line}行的处理`}
                value={choiceOf(r)}
                onChange={(e) => setChoice((c) => ({ ...c, [r.line]: e.target.value as ExistingChoice }))}
                options={[
                  { value: 'update', label: '更新人员库' },
                  { value: 'skip', label: '跳过，不改人员库' },
                ]}
              />
            </Space>
          );
        }
        return <Typography.Text type={r.status === 'invalid' ? 'danger' : 'secondary'}>{r.reason}</Typography.Text>;
      },
    },
  ];

  const counts = preview?.counts;
  return (
    <Modal
      open
      title="导入来函人员名单"
      width={1100}
      onCancel={onClose}
      footer={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" disabled={!valid.length || busy} onClick={add}>
            加入名单（{valid.length}人）
          </Button>
        </Space>
      }
    >
      <Flex gap={12} align="center" wrap style={{ marginBottom: 12 }}>
        <PickFileButton onPick={imp.pick} busy={busy} />
        <Button type="link" onClick={() => void imp.downloadTemplate()}>
          下载名单模板
        </Button>
        <Typography.Text type="secondary">
          Excel（.xlsx）或 CSV（UTF-8 或 GBK 编码），最大15MB。{file ? `当前文件：${file.fileName}` : ''}
        </Typography.Text>
      </Flex>
      {imp.error ? <Alert type="error" showIcon title={imp.error} style={{ marginBottom: 12 }} role="alert" /> : null}
      {preview && file && counts ? (
        <>
          <ColumnMappingCard preview={preview} disabled={busy} onChange={(m) => imp.rerun(m)} />
          <Flex gap={8} align="center" wrap style={{ marginBottom: 8 }} data-testid="import-counts">
            <span>共{preview.rows.length}行：</span>
            <Tag color="blue">已有 {counts.update + counts.unchanged}</Tag>
            <Tag color="green">新增人员 {counts.new}</Tag>
            <Tag color="red">有错误 {counts.invalid}</Tag>
            {counts.update ? (
              <Space size={4}>
                <Typography.Text type="secondary">{counts.update}人的单位或职务与人员库不同：</Typography.Text>
                <Button size="small" onClick={() => setAll('update')}>
                  全部更新
                </Button>
                <Button size="small" onClick={() => setAll('skip')}>
                  全部跳过
                </Button>
              </Space>
            ) : null}
          </Flex>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            有错误的行不加入名单，可改正文件后重新导入，或在名单中逐个添加。加入名单后须保存来函才会写入。
          </Typography.Paragraph>
          <ReportRows report={imp} filters={FILTERS} columns={columns} />
        </>
      ) : null}
    </Modal>
  );
}
