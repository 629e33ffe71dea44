/** One benchmark figure, printed as one JSON line. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  /** baseline / value: how many times better than the baseline. */
  ratio?: number;
  [extra: string]: unknown;
}

export function emit(figure: Figure): void {
  const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n * 10) / 10 : Math.round(n * 1000) / 1000);
  const out: Figure = { ...figure, value: round(figure.value) };
  if (figure.baseline !== undefined) out.baseline = round(figure.baseline);
  if (figure.ratio !== undefined) out.ratio = round(figure.ratio);
  console.log(JSON.stringify(out));
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/** Milliseconds taken by each call of fn over the inputs. */
export function timeEach<T>(inputs: readonly T[], fn: (input: T) => unknown): number[] {
  return inputs.map((input) => {
    const start = process.hrtime.bigint();
    fn(input);
    return Number(process.hrtime.bigint() - start) / 1e6;
  });
}
