/**
 * 保存PDF straight from where the clerk is (no preview page first): Electron's shell
 * saves through its dialog; browser mode asks the host for the PDF (print.pdf) and
 * downloads it, as a host job. Either is followed by usePdfJob: a job that takes more
 * than a second shows “第 N 页/共 M 页” and can be cancelled: printing stops and nothing is saved.
 */
import { Alert, Button, Progress, Space, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { PrintRequest } from '../../core/api';
import { errorMessage } from '../api/errors';
import { base64ToBlob, saveBlob } from '../lib/files';
import { usePdfJob } from './usePdfJob';

/** Shown only for jobs that last longer than this. */
const SHOW_PROGRESS_AFTER_MS = 1000;

export function SavePdfButton({ request, pageCount, label = '保存PDF' }: { request: PrintRequest; pageCount?: number; label?: string }) {
  const [running, setRunning] = useState(false);
  const [slow, setSlow] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const job = useRef(0);
  const pdfJob = usePdfJob();
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const finish = () => {
    if (timer.current) clearTimeout(timer.current);
    setRunning(false);
    setSlow(false);
  };

  const save = async () => {
    const mine = ++job.current;
    setResult(null);
    setRunning(true);
    timer.current = setTimeout(() => setSlow(true), SHOW_PROGRESS_AFTER_MS);
    try {
      const bridge = window.qinglian;
      if (bridge?.printDocument) {
        const r = await pdfJob.runInShell(request);
        if (mine !== job.current) return;
        setResult(
          r.ok ? (r.value.savedTo ? { ok: true, text: `已保存到 ${r.value.savedTo}` } : null) : { ok: false, text: r.error.message },
        );
        return;
      }
      const pdf = await pdfJob.run(request);
      if (mine !== job.current || !pdf) return; // cancelled: nothing is saved
      saveBlob(base64ToBlob(pdf.pdfBase64, 'application/pdf'), pdf.fileName);
      setResult({ ok: true, text: `已生成“${pdf.fileName}”，共${pdf.pageCount}页。` });
    } catch (e) {
      if (mine === job.current) setResult({ ok: false, text: errorMessage(e) });
    } finally {
      if (mine === job.current) finish();
    }
  };

  const cancel = () => {
    job.current++;
    void pdfJob.cancel();
    finish();
    setResult({ ok: false, text: '已取消，PDF没有保存。' });
  };

  return (
    <span data-testid="save-pdf">
      <Button onClick={() => void save()} disabled={running}>
        {label}
      </Button>
      {running && slow ? (
        <Space style={{ marginInlineStart: 8 }} data-testid="pdf-progress">
          <Typography.Text data-testid="pdf-progress-label">
            {pdfJob.label ?? `正在生成PDF${pageCount ? `（共${pageCount}页）` : ''}…`}
          </Typography.Text>
          <Progress percent={pdfJob.label ? pdfJob.percent : 99} status="active" showInfo={false} style={{ width: 120 }} />
          <Button size="small" onClick={cancel}>
            取消
          </Button>
        </Space>
      ) : null}
      {result ? (
        <Alert type={result.ok ? 'success' : 'warning'} showIcon title={result.text} style={{ marginTop: 8 }} data-testid="pdf-result" />
      ) : null}
    </span>
  );
}
