/**
 * 预览 / 打印 / 保存PDF of a document from the letter engine (print.document): the
 * pages are shown exactly as they will print, in a frame holding the engine's
 * self-contained HTML (fonts inlined; the frame is sandboxed without scripts and the
 * document's own CSP forbids them too).
 *
 * - 打印: Electron asks the shell to print in a hidden window with the system dialog
 *   (window.qinglian.printDocument); the browser prints the frame.
 * - 保存PDF: the core renders the PDF with the machine's Chromium/Edge as a job
 *   (print.pdfStart: 第N页/共M页 after a second, 取消), in both shells. Without such a
 *   browser, Electron prints it with its own printToPDF through the shell (the same
 *   第N页/共M页 and 取消, usePdfJob.runInShell), and browser mode sends the clerk to the
 *   print dialog → “另存为PDF”.
 */
import { Alert, Button, Progress, Space, Spin, Typography } from 'antd';
import { useRef, useState } from 'react';
import type { PrintRequest } from '../../core/api';
import { errorMessage } from '../api/errors';
import { useApiQuery } from '../api/hooks';
import { getSessionId } from '../api/session';
import { base64ToBlob, saveBlob } from '../lib/files';
import { usePdfJob } from './usePdfJob';

export function LetterPreview({ request, height = '72vh' }: { request: PrintRequest; height?: number | string }) {
  const doc = useApiQuery('print.document', { request }, { staleTime: 0, gcTime: 0 });
  const fonts = useApiQuery('print.fonts', {});
  const frame = useRef<HTMLIFrameElement>(null);
  const [busy, setBusy] = useState<'pdf' | 'print' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // 保存PDF is a job (the host's or the shell's): over a second it shows its pages and can be cancelled
  const pdfJob = usePdfJob();
  const [slow, setSlow] = useState(false);
  const bridge = typeof window !== 'undefined' ? window.qinglian : undefined;
  const serverPdf = fonts.data?.serverPdf.available ?? false;

  const print = async () => {
    setError(null);
    setDone(null);
    if (bridge?.printDocument) {
      setBusy('print');
      try {
        const r = await bridge.printDocument({ action: 'print', request, sessionId: getSessionId() });
        if (!r.ok) setError(r.error.message);
      } finally {
        setBusy(null);
      }
      return;
    }
    const w = frame.current?.contentWindow;
    if (!w) return;
    w.focus();
    w.print();
  };

  const savePdf = async () => {
    setError(null);
    setDone(null);
    setBusy('pdf');
    try {
      // The core's PDF job first, in the desktop app too: it shows 第N页/共M页 and can be
      // cancelled, and it returns an issued document's archival bytes. Only where the core
      // found no browser to print with does the desktop shell print the PDF itself.
      const slow = setTimeout(() => setSlow(true), 1000);
      const stopSlow = () => {
        clearTimeout(slow);
        setSlow(false);
      };
      if (!serverPdf && bridge?.printDocument) {
        // the shell's own printToPDF, followed the same way (第N页/共M页, 取消)
        const r = await pdfJob.runInShell(request).finally(stopSlow);
        if (!r.ok) setError(r.error.message);
        else if (r.value.savedTo) setDone(`已保存到 ${r.value.savedTo}`);
        return;
      }
      if (!serverPdf) {
        stopSlow();
        setError('本机没有找到可生成PDF的浏览器组件：请点“打印”，在打印对话框中选择“另存为PDF”。');
        return;
      }
      const pdf = await pdfJob.run(request).finally(stopSlow);
      if (!pdf) {
        setError('已取消，PDF没有保存。');
        return;
      }
      saveBlob(base64ToBlob(pdf.pdfBase64, 'application/pdf'), pdf.fileName);
      setDone(`已生成“${pdf.fileName}”，共${pdf.pageCount}页。`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div data-testid="letter-preview">
      <Space wrap style={{ marginBottom: 8 }}>
        <Button type="primary" onClick={() => void print()} loading={busy === 'print'} disabled={!doc.data}>
          打印
        </Button>
        <Button onClick={() => void savePdf()} loading={busy === 'pdf'} disabled={!doc.data}>
          保存PDF
        </Button>
        {busy === 'pdf' && slow && pdfJob.label ? (
          <Space data-testid="pdf-progress">
            <Typography.Text data-testid="pdf-progress-label">{pdfJob.label}</Typography.Text>
            <Progress percent={pdfJob.percent} status="active" showInfo={false} style={{ width: 120 }} />
            <Button size="small" onClick={() => void pdfJob.cancel()}>
              取消
            </Button>
          </Space>
        ) : null}
        {doc.data ? (
          <Typography.Text type="secondary" data-testid="letter-page-count">
            共{doc.data.pageCount}页{doc.data.letterCount > 1 ? `（${doc.data.letterCount}份）` : ''}，A4
            {doc.data.orientation === 'landscape' ? '横向' : '纵向'}
          </Typography.Text>
        ) : null}
      </Space>
      {doc.data?.warnings.map((w) => (
        <Alert key={w} type="warning" showIcon title={w} style={{ marginBottom: 8 }} />
      ))}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 8 }} role="alert" /> : null}
      {done ? <Alert type="success" showIcon title={done} style={{ marginBottom: 8 }} /> : null}
      {doc.error ? <Alert type="error" showIcon title={doc.error.message} /> : null}
      {doc.isLoading ? <Spin tip="正在排版…" /> : null}
      {doc.data ? (
        <iframe
          ref={frame}
          title="打印预览"
          data-testid="letter-frame"
          // allow-same-origin lets this page call print() on the frame; without allow-scripts nothing in it runs.
          sandbox="allow-same-origin allow-modals"
          srcDoc={doc.data.html}
          style={{ width: '100%', height, border: '1px solid #d9d9d9', background: '#d9d9d9' }}
        />
      ) : null}
    </div>
  );
}
