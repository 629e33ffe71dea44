/**
 * 保存PDF as a job the page follows: polled while it runs, so the page can show
 * “正在生成PDF：第N页/共M页” for a job over a second, and 取消 stops it, after which nothing
 * is saved. Two makers, one interface:
 * - the host (letters.pdfStart / pdfJob / pdfCancel, core/letters/pdfJobs.ts), in browser
 *   mode and in the desktop app wherever the core found a Chromium/Edge;
 * - the desktop shell's own printToPDF (window.qinglian.printDocument, electron/printing.ts),
 *   asked `{action: 'progress'}` and `{action: 'cancel'}` on the same bridge.
 */
import { useEffect, useRef, useState } from 'react';
import type { Envelope } from '../../core/api';
import type { PdfFile } from '../../core/print/contract';
import type { DocumentRequest } from '../../core/letters/contract';
import type { PrintResult } from '../../electron/shellContract';
import { call } from '../api/client';
import { getSessionId } from '../api/session';

const POLL_MS = 300;

interface Progress {
  label: string;
  done: number;
  total: number;
}

export function usePdfJob() {
  const [progress, setProgress] = useState<Progress | null>(null);
  const current = useRef<{ hostJob: string } | { shell: true } | null>(null);
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  const show = (p: Progress | null) => {
    if (alive.current) setProgress(p);
  };

  /** Runs the host's job to its end: the PDF, or null when it was cancelled; throws the host's error. */
  const run = async (request: DocumentRequest): Promise<PdfFile | null> => {
    let v = await call('letters.pdfStart', { request });
    current.current = { hostJob: v.id };
    while (v.state === 'running') {
      show(v.progress);
      await new Promise((r) => setTimeout(r, POLL_MS));
      v = await call('letters.pdfJob', { jobId: v.id });
    }
    current.current = null;
    show(null);
    if (v.state === 'cancelled') return null;
    if (v.state === 'failed' || !v.result) throw new Error(v.error?.message ?? '生成PDF时出错，请重试。');
    return v.result;
  };

  /**
   * The desktop shell saves the PDF itself (its save dialog, its printToPDF), followed the
   * same way. Resolves with the shell's envelope: savedTo, or its Chinese error (CANCELLED
   * after 取消).
   */
  const runInShell = async (request: DocumentRequest): Promise<Envelope<PrintResult>> => {
    const bridge = window.qinglian!;
    current.current = { shell: true };
    let finished = false;
    const saving = bridge.printDocument!({ action: 'pdf', request, sessionId: getSessionId() });
    void saving.finally(() => (finished = true));
    void (async () => {
      while (!finished) {
        await new Promise((r) => setTimeout(r, POLL_MS));
        if (finished) break;
        const r = await bridge.printDocument!({ action: 'progress' });
        if (!finished && r.ok && r.value.progress) show(r.value.progress);
      }
    })();
    try {
      return await saving;
    } finally {
      finished = true;
      current.current = null;
      show(null);
    }
  };

  const cancel = async () => {
    const job = current.current;
    if (!job) return;
    if ('hostJob' in job) await call('letters.pdfCancel', { jobId: job.hostJob }).catch(() => undefined);
    else await window.qinglian?.printDocument?.({ action: 'cancel' });
  };

  const percent = progress ? Math.round((100 * progress.done) / Math.max(1, progress.total)) : 0;
  return { run, runInShell, cancel, label: progress?.label ?? null, percent };
}
