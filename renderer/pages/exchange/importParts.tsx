/**
 * Pieces of the import screen shared by every import (导入 page, the request form's name
 * list): the file button, the column mapping guessed from the headers, the status tag of a
 * report row and the filtered report table.
 */
import { Button, Card, Col, Row, Segmented, Select, Space, Table, Tag, Typography, Upload } from 'antd';
import type { TableProps } from 'antd';
import {
  IMPORT_STATUS_LABELS,
  type ImportPreview,
  type ImportRowReport,
  type ImportRowStatus,
} from '../../../core/exchange/importContract';
import type { ImportPreviewState } from './useImportPreview';

export const STATUS_COLORS: Record<ImportRowStatus, string> = { new: 'green', update: 'blue', unchanged: 'default', invalid: 'red' };

export function StatusTag({
  status,
  labels = IMPORT_STATUS_LABELS,
}: {
  status: ImportRowStatus;
  labels?: Record<ImportRowStatus, string>;
}) {
  return <Tag color={STATUS_COLORS[status]}>{labels[status]}</Tag>;
}

/** 列对应: one select per field, "（不导入）" or a column of the file; a change previews again. */
export function ColumnMappingCard({
  preview,
  onChange,
  disabled,
}: {
  preview: ImportPreview;
  onChange: (mapping: Record<string, number | null>) => void;
  disabled?: boolean;
}) {
  return (
    <Card size="small" title="列对应（按表头自动识别，可调整）" style={{ marginBottom: 12 }}>
      <Row gutter={[12, 8]}>
        {preview.fields.map((f) => (
          <Col xs={12} md={8} xl={6} key={f.key}>
            <Space size={4}>
              <span style={{ display: 'inline-block', width: 76 }}>
                {f.label}
                {f.required ? <Typography.Text type="danger">*</Typography.Text> : null}
              </span>
              <Select<number | null>
                aria-label={`${f.label}对应的列`}
                size="small"
                style={{ width: 150 }}
                disabled={disabled}
                value={preview.mapping[f.key] ?? null}
                onChange={(col) => onChange({ ...preview.mapping, [f.key]: col })}
                options={[
                  { value: null as number | null, label: '（不导入）' },
                  ...preview.headers.map((h, i) => ({ value: i as number | null, label: h })),
                ]}
              />
            </Space>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

/** 选择文件: .xlsx or CSV, handed to `onPick` to be read here (antd uploads nothing). */
export function PickFileButton({ onPick, busy, disabled }: { onPick: (f: File) => Promise<void>; busy: boolean; disabled?: boolean }) {
  return (
    <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={(f) => (void onPick(f), false)} disabled={busy || disabled}>
      <Button type="primary" loading={busy} disabled={disabled}>
        选择文件
      </Button>
    </Upload>
  );
}

/** The row report: 全部 or one status (`filters`: which, and each one's label), 50 rows a page. */
export function ReportRows({
  report,
  filters,
  columns,
}: {
  report: Pick<ImportPreviewState, 'preview' | 'filter' | 'setFilter' | 'shownRows'>;
  filters: [ImportRowStatus, string][];
  columns: TableProps<ImportRowReport>['columns'];
}) {
  return (
    <>
      <Segmented
        value={report.filter}
        onChange={(v) => report.setFilter(v as ImportRowStatus | 'all')}
        style={{ marginBottom: 8 }}
        options={[
          { value: 'all', label: '全部' },
          ...filters.map(([status, label]) => ({ value: status, label: `${label}（${report.preview?.counts[status] ?? 0}）` })),
        ]}
      />
      <Table<ImportRowReport>
        rowKey="line"
        size="small"
        data-testid="import-rows"
        columns={columns}
        dataSource={report.shownRows}
        pagination={{ pageSize: 50, showSizeChanger: false, showTotal: (t) => `共 ${t} 行` }}
      />
    </>
  );
}
