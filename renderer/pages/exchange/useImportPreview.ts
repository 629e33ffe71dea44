/**
 * The half every import screen shares (导入 page, the request form's 导入名单): pick a file
 * (refused here above 15 MB), preview it through imports.preview (again on a new column
 * mapping or mode), the report's status filter, and the template download. Nothing here
 * writes: confirming is each screen's own (imports.commit, or saving the request).
 */
import { App } from 'antd';
import { useState } from 'react';
import type { ImportPreview, ImportRowStatus, TemplateKind } from '../../../core/exchange/importContract';
import { call } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { base64ToBlob, fileToBase64, saveBlob } from '../../lib/files';

const MAX_BYTES = 15 * 1024 * 1024;

export interface LoadedFile {
  fileName: string;
  contentBase64: string;
}

export type ExistingChoice = 'update' | 'skip';

/** What a preview is of: the kind, a matching record's handling, the 承诺书名单's campaign. */
export interface PreviewTarget {
  kind: TemplateKind;
  existing: ExistingChoice;
  campaignId?: string | null;
}

export interface ImportPreviewEvents {
  /** A preview starts (the 导入 page drops the last import's result). */
  onStart?: () => void;
  /** A preview came back (the name list forgets its per-row choices). */
  onPreview?: (preview: ImportPreview) => void;
}

export function useImportPreview(target: PreviewTarget, events: ImportPreviewEvents = {}) {
  const { message } = App.useApp();
  const [file, setFile] = useState<LoadedFile | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [filter, setFilter] = useState<ImportRowStatus | 'all'>('all');

  /** `changes` carries a choice whose state has not caught up yet (the mode just switched). */
  const run = async (loaded: LoadedFile, mapping?: Record<string, number | null>, changes: Partial<PreviewTarget> = {}) => {
    setBusy(true);
    setError(null);
    events.onStart?.();
    try {
      const p = await call('imports.preview', { ...target, ...changes, ...loaded, ...(mapping ? { mapping } : {}) });
      setPreview(p);
      events.onPreview?.(p);
      // Open on the rows that need the clerk first.
      setFilter(p.counts.invalid ? 'invalid' : 'all');
    } catch (e) {
      setPreview(null);
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const pick = async (f: File) => {
    if (f.size > MAX_BYTES) {
      setError(`文件过大（${(f.size / 1024 / 1024).toFixed(1)}MB），一次最多导入15MB。请分成几个文件导入。`);
      return;
    }
    const loaded = { fileName: f.name, contentBase64: await fileToBase64(f) };
    setFile(loaded);
    await run(loaded);
  };

  /** The file previewed again, with another mapping and/or mode (the current ones if absent). */
  const rerun = (mapping?: Record<string, number | null>, changes: Partial<PreviewTarget> = {}) => {
    if (file) void run(file, mapping ?? preview?.mapping, changes);
  };

  const downloadTemplate = async () => {
    try {
      const t = await call('imports.template', { kind: target.kind });
      saveBlob(base64ToBlob(t.contentBase64, t.mime), t.fileName);
    } catch (e) {
      message.error(errorMessage(e));
    }
  };

  /** Back to no file (another kind or campaign chosen, or the import done). */
  const reset = () => {
    setPreview(null);
    setFile(null);
  };

  const rows = preview?.rows ?? [];
  return {
    file,
    preview,
    error,
    setError,
    busy,
    filter,
    setFilter,
    /** The report's rows under the status filter. */
    shownRows: filter === 'all' ? rows : rows.filter((r) => r.status === filter),
    /** The rows an import takes: all but the invalid. */
    validRows: rows.filter((r) => r.status !== 'invalid'),
    pick,
    rerun,
    downloadTemplate,
    reset,
  };
}

export type ImportPreviewState = ReturnType<typeof useImportPreview>;
