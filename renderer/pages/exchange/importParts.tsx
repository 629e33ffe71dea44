/**
 * Pieces of the import screen shared by every import (导入 page, the request form's name
 * list): the column mapping guessed from the headers, and the status tag of a report row.
 */
import { Card, Col, Row, Select, Space, Tag, Typography } from 'antd';
import { IMPORT_STATUS_LABELS, type ImportPreview, type ImportRowStatus } from '../../../core/exchange/importContract';

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
