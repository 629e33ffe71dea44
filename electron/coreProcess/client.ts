/**
 * The main process's handle on the core process: forks it, sends requests, matches
 * replies by id, and restarts it if it dies. Requests in flight when it dies get an
 * error envelope in Chinese; requests made while it restarts wait for it.
 */
import type { ApiErrorBody, Envelope } from '../../core/api';
import { isFromCoreMessage, type CoreInitConfig, type ToCoreMessage } from './protocol';

/** The parts of Electron's UtilityProcess the client uses. */
export interface UtilityProcessLike {
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  postMessage(message: ToCoreMessage): void;
  kill(): boolean;
}

export interface CoreClientOptions {
  fork(): UtilityProcessLike;
  config: CoreInitConfig;
  /** The core cannot run (database refused, or it keeps crashing): show the message and quit. */
  onFatal(error: ApiErrorBody): void;
  /** Restarts allowed within `restartWindowMs` before giving up. Default 3 in 60 s. */
  maxRestarts?: number;
  restartWindowMs?: number;
  /** Delay before a restart, so a crash loop does not spin. Default 250 ms. */
  restartDelayMs?: number;
  now?: () => number;
  log?: (message: string) => void;
}

export const CORE_CRASHED_MESSAGE =
  '后台数据服务意外停止，本次操作可能没有完成。程序已自动重新启动数据服务，请核对数据后重试（可能需要重新登录）。';
export const CORE_GAVE_UP_MESSAGE = '后台数据服务反复意外停止，程序无法继续运行。请重新启动程序；如果问题仍然出现，请联系技术人员。';
export const CORE_STOPPING_MESSAGE = '程序正在退出，操作未执行。';

export class CoreFatalError extends Error {
  constructor(readonly body: ApiErrorBody) {
    super(body.message);
    this.name = 'CoreFatalError';
  }
}

type State = 'idle' | 'starting' | 'ready' | 'restarting' | 'fatal' | 'stopping' | 'stopped';

interface Pending {
  resolve(envelope: Envelope<unknown>): void;
}

interface Queued {
  channel: string;
  input: unknown;
  sessionId: string | null;
  resolve(envelope: Envelope<unknown>): void;
}

export class CoreClient {
  private state: State = 'idle';
  private child: UtilityProcessLike | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private queue: Queued[] = [];
  private crashes: number[] = [];
  private fatalError: ApiErrorBody | null = null;
  private startWaiters: Array<{ resolve(): void; reject(error: CoreFatalError): void }> = [];
  private exitWaiters: Array<() => void> = [];
  private readonly log: (message: string) => void;

  constructor(private readonly options: CoreClientOptions) {
    this.log = options.log ?? ((message) => console.warn(`[core-client] ${message}`));
  }

  /** Forks the core process; resolves when the database is open, rejects with CoreFatalError if it cannot be. */
  start(): Promise<void> {
    if (this.state === 'ready') return Promise.resolve();
    if (this.state === 'fatal') return Promise.reject(new CoreFatalError(this.fatalError!));
    const waiting = new Promise<void>((resolve, reject) => this.startWaiters.push({ resolve, reject }));
    if (this.state === 'idle') this.spawn();
    return waiting;
  }

  get status(): State {
    return this.state;
  }

  invoke(channel: string, input: unknown, sessionId: string | null): Promise<Envelope<unknown>> {
    switch (this.state) {
      case 'ready':
        return this.send(channel, input, sessionId);
      case 'fatal':
        return Promise.resolve({ ok: false, error: this.fatalError! });
      case 'stopping':
      case 'stopped':
        return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: CORE_STOPPING_MESSAGE } });
      default:
        if (this.state === 'idle') this.spawn();
        return new Promise((resolve) => this.queue.push({ channel, input, sessionId, resolve }));
    }
  }

  /** Asks the core to close the database and exit; kills it after `timeoutMs`. */
  async stop(timeoutMs = 3000): Promise<void> {
    if (this.state === 'stopped') return;
    const child = this.child;
    this.state = 'stopping';
    this.failAll({ code: 'INTERNAL', message: CORE_STOPPING_MESSAGE });
    if (!child) {
      this.state = 'stopped';
      return;
    }
    const exited = new Promise<void>((resolve) => this.exitWaiters.push(resolve));
    try {
      child.postMessage({ type: 'shutdown' });
    } catch {
      // already gone
    }
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
    });
    const result = await Promise.race([exited, timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') {
      this.log('core process did not exit in time; killing it');
      child.kill();
    }
    this.child = null;
    this.state = 'stopped';
  }

  private spawn(): void {
    this.state = this.state === 'restarting' ? 'restarting' : 'starting';
    const child = this.options.fork();
    this.child = child;
    child.on('message', (message) => this.onMessage(child, message));
    child.on('exit', (code) => this.onExit(child, code));
    child.postMessage({ type: 'init', config: this.options.config });
  }

  private send(channel: string, input: unknown, sessionId: string | null): Promise<Envelope<unknown>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, { resolve });
      try {
        this.child!.postMessage({ type: 'invoke', id, channel, input, sessionId });
      } catch (error) {
        // e.g. an input that cannot be structured-cloned
        this.pending.delete(id);
        this.log(`could not send ${channel}: ${(error as Error).message}`);
        resolve({ ok: false, error: { code: 'VALIDATION', message: '提交的数据无法传递给数据服务，操作未执行。' } });
      }
    });
  }

  private onMessage(child: UtilityProcessLike, message: unknown): void {
    if (child !== this.child) return;
    if (!isFromCoreMessage(message)) {
      this.log('ignored a malformed message from the core process');
      return;
    }
    switch (message.type) {
      case 'ready': {
        this.state = 'ready';
        for (const waiter of this.startWaiters.splice(0)) waiter.resolve();
        for (const queued of this.queue.splice(0)) this.send(queued.channel, queued.input, queued.sessionId).then(queued.resolve);
        return;
      }
      case 'fatal': {
        this.child = null;
        child.kill();
        this.becomeFatal(message.error);
        return;
      }
      case 'result': {
        const pending = this.pending.get(message.id);
        if (!pending) return;
        this.pending.delete(message.id);
        pending.resolve(message.envelope);
        return;
      }
    }
  }

  private onExit(child: UtilityProcessLike, code: number): void {
    for (const resolve of this.exitWaiters.splice(0)) resolve();
    if (child !== this.child) return; // already handled (fatal, stop)
    this.child = null;
    if (this.state === 'stopping' || this.state === 'stopped' || this.state === 'fatal') return;

    this.log(`core process exited unexpectedly (code ${code})`);
    this.failPending({ code: 'INTERNAL', message: CORE_CRASHED_MESSAGE });
    const now = (this.options.now ?? Date.now)();
    const windowMs = this.options.restartWindowMs ?? 60_000;
    this.crashes = this.crashes.filter((t) => now - t < windowMs);
    this.crashes.push(now);
    if (this.crashes.length > (this.options.maxRestarts ?? 3)) {
      this.becomeFatal({ code: 'INTERNAL', message: CORE_GAVE_UP_MESSAGE });
      return;
    }
    this.state = 'restarting';
    setTimeout(() => {
      if (this.state === 'restarting') this.spawn();
    }, this.options.restartDelayMs ?? 250);
  }

  private becomeFatal(error: ApiErrorBody): void {
    const first = this.state !== 'fatal';
    this.state = 'fatal';
    this.fatalError = error;
    this.failAll(error);
    for (const waiter of this.startWaiters.splice(0)) waiter.reject(new CoreFatalError(error));
    if (first) this.options.onFatal(error);
  }

  private failPending(error: ApiErrorBody): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) p.resolve({ ok: false, error });
  }

  private failAll(error: ApiErrorBody): void {
    this.failPending(error);
    for (const queued of this.queue.splice(0)) queued.resolve({ ok: false, error });
  }
}
