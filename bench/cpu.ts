/**
 * CPU time of this process and every process it started (the PDF renderer's Chromium),
 * from /proc, so a busy machine's waiting does not hide in wall time. Linux only; null
 * elsewhere.
 */
import fs from 'node:fs';

const TICK_MS = 10; // USER_HZ is 100 on Linux

function stat(pid: number): { ppid: number; ms: number } | null {
  try {
    const s = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    // fields after the name: state ppid … utime(14) stime(15) cutime cstime
    return { ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_MS };
  } catch {
    return null;
  }
}

/** Milliseconds of CPU used so far by this process and its live and finished descendants. */
export function treeCpuMs(): number | null {
  if (process.platform !== 'linux') return null;
  const all = new Map<number, { ppid: number; ms: number }>();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const s = stat(Number(name));
    if (s) all.set(Number(name), s);
  }
  let total = 0;
  const queue = [process.pid];
  const seen = new Set<number>();
  while (queue.length) {
    const pid = queue.pop()!;
    if (seen.has(pid)) continue;
    seen.add(pid);
    total += all.get(pid)?.ms ?? 0;
    for (const [child, s] of all) if (s.ppid === pid) queue.push(child);
  }
  return total;
}

/** Wall and CPU milliseconds of an async step. */
export async function measure<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number | null }> {
  const cpu0 = treeCpuMs();
  const t = performance.now();
  const value = await fn();
  const ms = performance.now() - t;
  const cpu1 = treeCpuMs();
  return { value, ms, cpuMs: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0 };
}
