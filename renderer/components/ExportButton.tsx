/**
 * 导出: the list as it is filtered now, to Excel (.xlsx) or CSV (UTF-8 with BOM). The
 * server builds the file from the same filter the list uses (exports.list).
 */
import { App, Button, Dropdown } from 'antd';
import { useState } from 'react';
import type { Input } from '../../core/api';
import { call } from '../api/client';
import { errorMessage } from '../api/errors';
import { base64ToBlob, saveBlob } from '../lib/files';

type ExportRequest = Omit<Input<'exports.list'>, 'format'>;

export function ExportButton({ request, disabled }: { request: ExportRequest; disabled?: boolean }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async (format: 'xlsx' | 'csv') => {
    setBusy(true);
    try {
      const file = await call('exports.list', { ...request, format } as Input<'exports.list'>);
      saveBlob(base64ToBlob(file.contentBase64, file.mime), file.fileName);
      message.success(`已导出${file.rows}条：${file.fileName}`);
    } catch (e) {
      message.error(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dropdown
      disabled={disabled || busy}
      menu={{
        items: [
          { key: 'xlsx', label: '导出为 Excel（.xlsx）' },
          { key: 'csv', label: '导出为 CSV' },
        ],
        onClick: (e) => void run(e.key as 'xlsx' | 'csv'),
      }}
    >
      <Button loading={busy}>导出</Button>
    </Dropdown>
  );
}
