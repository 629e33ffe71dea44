/**
 * PDFs begun before the click: when a clerk opens a print preview, the host starts
 * printing that document to PDF in the background (browser mode only, where the host
 * makes the PDFs, and only when the web server turned warm-up on). The click on 保存PDF
 * then takes the PDF already made, or waits for the one under way, instead of starting
 * from nothing. A prefetched PDF is used once and only for the very same HTML (keyed by
 * its hash): anything changed between preview and click is printed afresh. Archival
 * copies are unaffected: the click still keeps the first PDF it returns (archive.ts).
 */
import { createHash } from 'node:crypto';
import { pdfWarmUpEnabled, sharedPdfRenderer, type PdfRenderer } from './pdf';

const KEEP_MS = 2 * 60_000;
const MAX_ENTRIES = 4;
const started = new Map<string, { pdf: Promise<Buffer>; at: number }>();
/** Prefetches scheduled but not yet started (their document is being built). */
const pending = new Set<Promise<void>>();

const keyOf = (html: string) => createHash('sha256').update(html).digest('hex');

function sweep(now: number) {
  for (const [k, e] of started) if (now - e.at > KEEP_MS) started.delete(k);
  while (started.size > MAX_ENTRIES) started.delete(started.keys().next().value!);
}

/**
 * After the current request has answered, builds the document (`build`, served fonts)
 * and starts its PDF. Does nothing unless warm-up is on, or without Chromium. `build`
 * returns null when there is nothing to prefetch (e.g. the archival PDF is kept already).
 */
export function prefetchPdfSoon(build: () => Promise<string | null> | string | null): void {
  if (!pdfWarmUpEnabled()) return;
  const renderer = sharedPdfRenderer();
  if (!renderer) return;
  const scheduled = new Promise<void>((resolve) => setImmediate(resolve))
    .then(build)
    .then((html) => {
      if (html) prefetch(renderer, html);
    })
    .catch(() => undefined) // the click will render (and report) it
    .finally(() => pending.delete(scheduled));
  pending.add(scheduled);
}

/** Starts printing `html` unless it is under way already. */
export function prefetch(renderer: PdfRenderer, html: string): void {
  const now = Date.now();
  sweep(now);
  const key = keyOf(html);
  if (started.has(key)) return;
  const pdf = renderer.render(html);
  pdf.catch(() => started.delete(key));
  started.set(key, { pdf, at: now });
}

/** The PDF of `html`: the prefetched one if there is one (used once), else printed now (`print`, default one render). */
export async function renderPrefetched(
  renderer: PdfRenderer,
  html: string,
  print: () => Promise<Buffer> = () => renderer.render(html),
): Promise<Buffer> {
  const key = keyOf(html);
  const entry = started.get(key);
  started.delete(key);
  if (entry) {
    const pdf = await entry.pdf.catch(() => null);
    if (pdf) return pdf;
  }
  return print();
}

/** Settles when every prefetch under way has finished (tests, bench). */
export async function prefetchesSettled(): Promise<void> {
  await Promise.all([...pending]);
  await Promise.all([...started.values()].map((e) => e.pdf.catch(() => undefined)));
}
