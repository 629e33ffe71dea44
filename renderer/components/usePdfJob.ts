/**
 * 保存PDF in browser mode as a host job (letters.pdfStart, core/letters/pdfJobs.ts): polled
 * while it runs, so the page can show “第 N 页/共 M 页” for a job over a second, and 取消
 * asks the host to stop it (letters.pdfCancel), after which nothing is saved.
 */
import { useEffect, useRef, useState } from 'react';
import type { DocumentRequest, PdfFile, PdfJobView } from '../../core/letters/contract';
import { call } from '../api/client';

const POLL_MS = 300;

export function usePdfJob() {
  const [view, setView] = useState<PdfJobView | null>(null);
  const current = useRef<string | null>(null);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );

  /** Runs the job to its end: the PDF, or null when it was cancelled; throws the host's error. */
  const run = async (request: DocumentRequest): Promise<PdfFile | null> => {
    let v = await call('letters.pdfStart', { request });
    current.current = v.id;
    while (v.state === 'running') {
      if (alive.current) setView(v);
      await new Promise((r) => setTimeout(r, POLL_MS));
      v = await call('letters.pdfJob', { jobId: v.id });
    }
    current.current = null;
    if (alive.current) setView(null);
    if (v.state === 'cancelled') return null;
    if (v.state === 'failed' || !v.result) throw new Error(v.error?.message ?? '生成PDF时出错，请重试。');
    return v.result;
  };

  const cancel = async () => {
    if (current.current) await call('letters.pdfCancel', { jobId: current.current }).catch(() => undefined);
  };

  const percent = view ? Math.round((100 * view.progress.done) / view.progress.total) : 0;
  return { run, cancel, label: view?.progress.label ?? null, percent };
}
