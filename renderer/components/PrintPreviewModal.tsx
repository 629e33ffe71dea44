/**
 * 打印 / 预览 / 导出PDF of printouts made by the letter engine (print.document,
 * print.pdf): the laid-out pages are shown as they will print (a srcdoc frame holding
 * the engine's self-contained HTML — no scripts, fonts inlined). In Electron both 打印
 * and 导出PDF go through the shell (window.qinglian.printDocument: a hidden window that
 * waits for the fonts, the system print dialog, the native save dialog), as letters do
 * (LetterPreview); in the browser 打印 prints the frame and 导出PDF asks the backend for
 * the PDF and downloads it.
 */
import { Alert, Button, Flex, Modal, Segmented, Space, Spin, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { PrintRequest } from '../../core/api';
import { call } from '../api/client';
import { errorMessage } from '../api/errors';
import { useApiQuery } from '../api/hooks';
import { getSessionId } from '../api/session';
import { base64ToBlob, saveBlob } from '../lib/files';

export interface PrintChoice {
  key: string;
  /** "提醒函", "签收单" */
  label: string;
  request: PrintRequest;
}

export interface PrintPreviewModalProps {
  open: boolean;
  title: string;
  choices: PrintChoice[];
  /** The choice shown first. */
  initial?: string;
  onClose: () => void;
}

export function PrintPreviewModal({ open, title, choices, initial, onClose }: PrintPreviewModalProps) {
  const [key, setKey] = useState(initial ?? choices[0]?.key ?? '');
  const choice = choices.find((c) => c.key === key) ?? choices[0]!;
  const doc = useApiQuery('print.document', { request: choice.request }, { enabled: open, staleTime: 0, gcTime: 0 });
  const frame = useRef<HTMLIFrameElement>(null);
  const [exporting, setExporting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const bridge = typeof window !== 'undefined' ? window.qinglian : undefined;
  const [printing, setPrinting] = useState(false);

  const print = async () => {
    setError(null);
    setSaved(null);
    if (bridge?.printDocument) {
      setPrinting(true);
      try {
        const r = await bridge.printDocument({ action: 'print', request: choice.request, sessionId: getSessionId() });
        if (!r.ok) setError(r.error.message);
      } finally {
        setPrinting(false);
      }
      return;
    }
    const w = frame.current?.contentWindow;
    if (!w) return;
    w.focus();
    w.print();
  };

  const exportPdf = async () => {
    setError(null);
    setSaved(null);
    setExporting(true);
    try {
      if (bridge?.printDocument) {
        const r = await bridge.printDocument({ action: 'pdf', request: choice.request, sessionId: getSessionId() });
        if (!r.ok) setError(r.error.message);
        else if (r.value.savedTo) setSaved(`已保存到 ${r.value.savedTo}`);
        return;
      }
      const pdf = await call('print.pdf', { request: choice.request });
      saveBlob(base64ToBlob(pdf.pdfBase64, 'application/pdf'), pdf.fileName);
      setSaved(`已生成“${pdf.fileName}”，共${pdf.pageCount}页。`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setExporting(false);
    }
  };

  return (
    <Modal
      open={open}
      title={title}
      width={920}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Flex justify="space-between" align="center" gap={12} wrap>
          <Typography.Text type="secondary" data-testid="print-page-count">
            {doc.data ? `共${doc.data.pageCount}页${doc.data.letterCount > 1 ? `（${doc.data.letterCount}份）` : ''}` : ''}
          </Typography.Text>
          <Space>
            <Button onClick={() => void print()} loading={printing} disabled={!doc.data}>
              打印
            </Button>
            <Button type="primary" onClick={() => void exportPdf()} loading={exporting} disabled={!doc.data}>
              导出PDF
            </Button>
            <Button onClick={onClose}>关闭</Button>
          </Space>
        </Flex>
      }
    >
      {choices.length > 1 ? (
        <Segmented
          aria-label="打印内容"
          value={choice.key}
          onChange={(k) => {
            setKey(k);
            setError(null);
            setSaved(null);
          }}
          options={choices.map((c) => ({ value: c.key, label: c.label }))}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} role="alert" /> : null}
      {saved ? <Alert type="success" showIcon title={saved} style={{ marginBottom: 12 }} data-testid="pdf-saved" /> : null}
      {doc.data?.warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 12 }} />
      ))}
      {doc.error ? <Alert type="error" showIcon title={doc.error.message} role="alert" /> : null}
      {doc.isFetching && !doc.data ? (
        <Spin tip="正在排版…">
          <div style={{ height: 300 }} />
        </Spin>
      ) : doc.data ? (
        <iframe
          ref={frame}
          title="打印预览"
          // allow-same-origin lets this page call print() on the frame; without allow-scripts nothing in it runs.
          sandbox="allow-same-origin allow-modals"
          srcDoc={doc.data.html}
          style={{ width: '100%', height: '68vh', border: '1px solid #d9d9d9', background: '#d9d9d9' }}
          data-testid="print-preview"
        />
      ) : null}
    </Modal>
  );
}
