/**
 * PDFs begun before the click: when a clerk opens a print preview, the host starts
 * writing that document's PDF in the background (only when the host turned warm-up on).
 * The click on 保存PDF then takes the PDF already made, or waits for the one under way,
 * instead of starting from nothing. A prefetched PDF is used once and only for the very
 * same pages (keyed by their hash): anything changed between preview and click is written
 * afresh. Archival copies are unaffected: the click still keeps the first PDF it returns
 * (archive.ts).
 */
import { createHash } from 'node:crypto';
import { pdfWriter, type PdfSource } from './pdfWriter';
import { pdfWarmUpEnabled } from './pdf';

const KEEP_MS = 2 * 60_000;
const MAX_ENTRIES = 4;
const started = new Map<string, { pdf: Promise<Buffer>; at: number }>();
/** Prefetches scheduled but not yet started (their document is being built). */
const pending = new Set<Promise<void>>();

const keyOf = (source: PdfSource) => createHash('sha256').update(JSON.stringify(source)).digest('hex');

function sweep(now: number) {
  for (const [k, e] of started) if (now - e.at > KEEP_MS) started.delete(k);
  while (started.size > MAX_ENTRIES) started.delete(started.keys().next().value!);
}

/**
 * After the current request has answered, lays out the document (`build`) and starts its
 * PDF. Does nothing unless warm-up is on. `build` returns null when there is nothing to
 * prefetch (e.g. the archival PDF is kept already).
 */
export function prefetchPdfSoon(build: () => Promise<PdfSource | null> | PdfSource | null): void {
  if (!pdfWarmUpEnabled()) return;
  const scheduled = new Promise<void>((resolve) => setImmediate(resolve))
    .then(build)
    .then((source) => {
      if (source) prefetch(source);
    })
    .catch(() => undefined) // the click will write (and report) it
    .finally(() => pending.delete(scheduled));
  pending.add(scheduled);
}

/** Starts writing the PDF of `source` unless it is under way already. */
export function prefetch(source: PdfSource): void {
  const now = Date.now();
  sweep(now);
  const key = keyOf(source);
  if (started.has(key)) return;
  const pdf = pdfWriter.render(source);
  pdf.catch(() => started.delete(key));
  started.set(key, { pdf, at: now });
}

/** The PDF of `source`: the prefetched one if there is one (used once), else written now (`write`, default one render). */
export async function renderPrefetched(source: PdfSource, write: () => Promise<Buffer> = () => pdfWriter.render(source)): Promise<Buffer> {
  const key = keyOf(source);
  const entry = started.get(key);
  started.delete(key);
  if (entry) {
    const pdf = await entry.pdf.catch(() => null);
    if (pdf) return pdf;
  }
  return write();
}

/** Settles when every prefetch under way has finished (tests, bench). */
export async function prefetchesSettled(): Promise<void> {
  await Promise.all([...pending]);
  await Promise.all([...started.values()].map((e) => e.pdf.catch(() => undefined)));
}
