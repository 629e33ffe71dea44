/**
 * Long work that runs in the host beside the calls it keeps answering (后台任务): a
 * backup, a restore, a batch of letters. One runner per kind of work; the UI starts a
 * job, polls its view and may cancel it.
 *
 * - Progress is `done` of `total` steps (bytes, pages, letters) with a Chinese phase
 *   label the UI shows as is, plus the phase's code for UI logic.
 * - Cancel is allowed only to the account that started the job, or an administrator:
 *   a job id seen by another clerk must not let them stop someone else's work.
 * - A failure becomes `{ code, message }` in Chinese (an AppError as it is; anything
 *   else is logged and reported as INTERNAL), never an unhandled rejection.
 * - Finished jobs are forgotten after an hour (`forgetAfterMs`).
 *
 * Also here: BackgroundService and BackgroundServices, the start/stop every background
 * service of the host (the backup schedule, a warm renderer, …) implements, so the host
 * starts them in one place and stops them all, in reverse order, on shutdown.
 */
import { randomBytes } from 'node:crypto';
import { AppError, type ErrorCode } from '../errors';

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobProgress<P extends string = string> {
  /** The phase's code (for UI logic, e.g. "no cancel during swap"). */
  phase: P;
  /** The phase in Chinese, shown to the clerk as is (e.g. 正在加密). */
  label: string;
  done: number;
  /** ≥ 1; done/total is the fraction shown. */
  total: number;
}

export interface JobView<K extends string, P extends string, R> {
  id: string;
  kind: K;
  state: JobState;
  progress: JobProgress<P>;
  startedAt: string;
  finishedAt: string | null;
  error: { code: ErrorCode; message: string } | null;
  result: R | null;
}

/** Who asks to cancel (or see whose a job is). */
export interface JobActor {
  userId: string | null;
  isAdmin: boolean;
}

/** What a job's body gets: the cancel signal and a progress callback. */
export interface JobContext<P extends string> {
  signal: AbortSignal;
  report(progress: JobProgress<P>): void;
}

export interface JobRunnerOptions<K extends string> {
  now(): Date;
  /** How many jobs may run at once (default 1: a second start is refused with `busyMessage`). */
  maxRunning?: number;
  /** Chinese, for BUSY when `maxRunning` jobs run. */
  busyMessage: string;
  /** Chinese, for NOT_FOUND (e.g. 找不到该备份任务（程序可能已重新启动）。). */
  notFoundMessage: string;
  /** Chinese prefix for an unexpected failure's message (e.g. 备份任务意外失败). */
  unexpectedPrefix: string;
  /** Finished jobs are forgotten this long after they finished (default one hour). */
  forgetAfterMs?: number;
  /** Called once a job failed or was cancelled (e.g. to record an automatic backup's error). */
  onFailure?(kind: K, error: unknown): void;
}

interface JobRecord<K extends string, P extends string, R> {
  view: JobView<K, P, R>;
  ownerId: string | null;
  controller: AbortController;
  done: Promise<void>;
}

export class JobRunner<K extends string, P extends string, R> {
  private readonly jobs = new Map<string, JobRecord<K, P, R>>();
  private readonly maxRunning: number;
  private readonly forgetAfterMs: number;

  constructor(private readonly options: JobRunnerOptions<K>) {
    this.maxRunning = options.maxRunning ?? 1;
    this.forgetAfterMs = options.forgetAfterMs ?? 3_600_000;
  }

  /**
   * Starts `run` now and returns its first view. `ownerId` is the account that started
   * it (null: the host itself, e.g. a scheduled backup; only an administrator cancels
   * those). Refused with BUSY when `maxRunning` jobs are running.
   */
  start(kind: K, ownerId: string | null, first: JobProgress<P>, run: (ctx: JobContext<P>) => Promise<R>): JobView<K, P, R> {
    if (this.running().length >= this.maxRunning) throw new AppError('BUSY', this.options.busyMessage);
    this.forgetOld();
    const view: JobView<K, P, R> = {
      id: randomBytes(16).toString('base64url'),
      kind,
      state: 'running',
      progress: { ...first },
      startedAt: this.options.now().toISOString(),
      finishedAt: null,
      error: null,
      result: null,
    };
    const controller = new AbortController();
    const record: JobRecord<K, P, R> = { view, ownerId, controller, done: Promise.resolve() };
    this.jobs.set(view.id, record);
    const report = (p: JobProgress<P>) => {
      if (view.state !== 'running') return; // a late report after the end changes nothing
      view.progress = { ...p, total: Math.max(1, p.total), done: Math.min(Math.max(0, p.done), Math.max(1, p.total)) };
    };
    let body: Promise<R>;
    try {
      body = run({ signal: controller.signal, report });
    } catch (error) {
      body = Promise.reject(error);
    }
    record.done = body
      .then(
        (result) => {
          view.state = 'done';
          view.progress = { ...view.progress, done: view.progress.total };
          view.result = result;
        },
        (error: unknown) => {
          const failure = this.describe(error);
          view.state = failure.code === 'CANCELLED' ? 'cancelled' : 'failed';
          view.error = failure;
          try {
            this.options.onFailure?.(kind, error);
          } catch (hookError) {
            console.error('[jobs] onFailure failed', hookError);
          }
        },
      )
      .finally(() => {
        view.finishedAt = this.options.now().toISOString();
      });
    return copy(view);
  }

  /** The job's current view; NOT_FOUND once forgotten (or after a restart). */
  view(id: string): JobView<K, P, R> {
    return copy(this.record(id).view);
  }

  /** Asks a running job to stop; only its owner or an administrator may. A finished job's view is returned as is. */
  cancel(id: string, actor: JobActor): JobView<K, P, R> {
    const job = this.record(id);
    if (!this.mayControl(job, actor)) throw new AppError('FORBIDDEN', '只有启动该任务的账号或管理员可以取消它。');
    if (job.view.state === 'running') job.controller.abort();
    return copy(job.view);
  }

  /** Whether `actor` started this job or is an administrator (false for an unknown id). */
  owns(id: string, actor: JobActor): boolean {
    const job = this.jobs.get(id);
    return !!job && this.mayControl(job, actor);
  }

  /** Forgets a finished job now (its result was handed out); a running job is kept. */
  forget(id: string): void {
    if (this.jobs.get(id)?.view.state !== 'running') this.jobs.delete(id);
  }

  /** Views of the jobs still running, oldest first. */
  running(): JobView<K, P, R>[] {
    return [...this.jobs.values()].filter((j) => j.view.state === 'running').map((j) => copy(j.view));
  }

  /** Settles when the job has finished (whatever the outcome). */
  settled(id: string): Promise<void> {
    return this.jobs.get(id)?.done ?? Promise.resolve();
  }

  /**
   * The host is stopping: cancels every running job `mayAbort` allows (default: all),
   * then waits for every running job to finish. A job that must not be cut (a restore
   * swapping files) is left to finish.
   */
  async stop(mayAbort: (view: JobView<K, P, R>) => boolean = () => true): Promise<void> {
    const running = [...this.jobs.values()].filter((j) => j.view.state === 'running');
    for (const job of running) if (mayAbort(copy(job.view))) job.controller.abort();
    await Promise.all(running.map((j) => j.done));
  }

  private mayControl(job: JobRecord<K, P, R>, actor: JobActor): boolean {
    return actor.isAdmin || (job.ownerId !== null && job.ownerId === actor.userId);
  }

  private record(id: string): JobRecord<K, P, R> {
    const job = this.jobs.get(id);
    if (!job) throw new AppError('NOT_FOUND', this.options.notFoundMessage);
    return job;
  }

  private describe(error: unknown): { code: ErrorCode; message: string } {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    console.error('[jobs] job failed', error);
    return { code: 'INTERNAL', message: `${this.options.unexpectedPrefix}：${(error as Error)?.message ?? String(error)}` };
  }

  private forgetOld(): void {
    const before = this.options.now().getTime() - this.forgetAfterMs;
    for (const [id, job] of this.jobs) if (job.view.finishedAt && Date.parse(job.view.finishedAt) < before) this.jobs.delete(id);
  }
}

function copy<T extends { progress: object }>(view: T): T {
  return { ...view, progress: { ...view.progress } };
}

/** A service the host runs in the background (a schedule, a warm renderer): started once, stopped on shutdown. */
export interface BackgroundService {
  /** Chinese or plain name, for logs. */
  readonly name: string;
  start(): void;
  /** Stops timers and waits for work in hand; must be safe to call twice. */
  stop(): Promise<void> | void;
}

/** The host's background services: started in the order added, stopped in reverse. */
export class BackgroundServices {
  private readonly services: BackgroundService[] = [];
  private started = false;

  add(service: BackgroundService): void {
    this.services.push(service);
    if (this.started) service.start();
  }

  startAll(): void {
    if (this.started) return;
    this.started = true;
    for (const s of this.services) s.start();
  }

  /** Stops every service even if one fails; the first failure is thrown after all stopped. */
  async stopAll(): Promise<void> {
    this.started = false;
    let first: unknown = null;
    for (const s of [...this.services].reverse()) {
      try {
        await s.stop();
      } catch (error) {
        console.error(`[host] stopping ${s.name} failed`, error);
        first ??= error;
      }
    }
    if (first !== null) throw first;
  }
}

/**
 * A timer as a background service: `tick` every `everyMs` while started. The timer does
 * not keep the process alive (unref), and a tick that throws is logged, not fatal.
 */
export function intervalService(name: string, everyMs: number, tick: () => void): BackgroundService {
  let timer: NodeJS.Timeout | null = null;
  return {
    name,
    start() {
      if (timer) return;
      timer = setInterval(() => {
        try {
          tick();
        } catch (error) {
          console.error(`[host] ${name} failed`, error);
        }
      }, everyMs);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
