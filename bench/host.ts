/** A real core host on a throw-away data folder, set up and logged in, for benchmarks. */
import { createCoreHost, type CoreHost } from '../core/host/coreHost';
import { ADMIN, SETUP_INPUT } from '../core/testing';
import { tempDir } from '../db/testing';

export interface BenchHost {
  host: CoreHost;
  dir: string;
  call<T = never>(channel: string, input: unknown): Promise<T>;
  close(): void;
}

export async function benchHost(options: { dir?: string; setup?: boolean } = {}): Promise<BenchHost> {
  const temp = options.dir ? null : tempDir('qinglian-bench-');
  const dir = options.dir ?? temp!.dir;
  const host = createCoreHost({ dataDir: dir, shell: 'browser', version: 'bench' });
  if (options.setup !== false) await host.invoke('setup.initialize', SETUP_INPUT);
  const login = await host.invoke('auth.login', ADMIN);
  if (!login.ok) throw new Error(login.error.message);
  const session = (login.value as { sessionId: string }).sessionId;
  return {
    host,
    dir,
    async call(channel, input) {
      const env = await host.invoke(channel, input, session);
      if (!env.ok) throw new Error(`${channel}: ${env.error.message}`);
      return env.value as never;
    },
    close() {
      host.close();
      temp?.cleanup();
    },
  };
}

/** Wall and CPU milliseconds of one run of fn. */
export async function measure<T>(fn: () => Promise<T> | T): Promise<{ result: T; wallMs: number; cpuMs: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { result, wallMs, cpuMs: (cpu.user + cpu.system) / 1000 };
}
