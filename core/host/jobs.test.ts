import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { AppError } from '../errors';
import { BackgroundServices, intervalService, JobRunner, type JobContext } from './jobs';

type Phase = 'read' | 'write';

/** A job body the test drives: it reports when told and ends when told (no timing involved). */
function controlled() {
  let ctx: JobContext<Phase> | null = null;
  let finish: (value: string) => void = () => undefined;
  let fail: (error: unknown) => void = () => undefined;
  let markEntered: () => void = () => undefined;
  const entered = new Promise<void>((resolve) => (markEntered = resolve));
  const run = (c: JobContext<Phase>) =>
    new Promise<string>((resolve, reject) => {
      ctx = c;
      finish = resolve;
      fail = reject;
      c.signal.addEventListener('abort', () => reject(new AppError('CANCELLED', '操作已取消')));
      markEntered();
    });
  return {
    run,
    entered,
    get ctx(): JobContext<Phase> {
      if (!ctx) throw new Error('the job has not started');
      return ctx;
    },
    finish: (v: string) => finish(v),
    fail: (e: unknown) => fail(e),
  };
}

function runner(opts: { maxRunning?: number; now?: () => Date; onFailure?: (kind: string, e: unknown) => void } = {}) {
  return new JobRunner<'copy' | 'print', Phase, string>({
    now: opts.now ?? (() => new Date()),
    busyMessage: '另一个任务正在进行。',
    notFoundMessage: '找不到该任务。',
    unexpectedPrefix: '任务意外失败',
    ...(opts.maxRunning ? { maxRunning: opts.maxRunning } : {}),
    ...(opts.onFailure ? { onFailure: opts.onFailure } : {}),
  });
}

const FIRST = { phase: 'read' as const, label: '正在读取', done: 0, total: 1 };
const clerk = { userId: 'u-clerk', isAdmin: false };
const other = { userId: 'u-other', isAdmin: false };
const admin = { userId: 'u-admin', isAdmin: true };

test('a job reports progress with its Chinese label, then its result', async () => {
  const jobs = runner();
  const body = controlled();
  const started = jobs.start('copy', clerk.userId, FIRST, body.run);
  assert.equal(started.state, 'running');
  assert.deepEqual(started.progress, FIRST);
  await body.entered;
  body.ctx.report({ phase: 'write', label: '正在写入', done: 3, total: 10 });
  assert.deepEqual(jobs.view(started.id).progress, { phase: 'write', label: '正在写入', done: 3, total: 10 });
  // A view is a copy: changing it changes nothing in the runner.
  jobs.view(started.id).progress.done = 9;
  assert.equal(jobs.view(started.id).progress.done, 3);
  body.finish('copied');
  await jobs.settled(started.id);
  const done = jobs.view(started.id);
  assert.equal(done.state, 'done');
  assert.equal(done.result, 'copied');
  assert.equal(done.progress.done, done.progress.total);
  assert.ok(done.finishedAt);
  assert.equal(jobs.running().length, 0);
});

test('out-of-range progress is clamped: done within 0..total, total at least 1', async () => {
  const jobs = runner();
  const body = controlled();
  const { id } = jobs.start('copy', null, FIRST, body.run);
  await body.entered;
  body.ctx.report({ phase: 'read', label: '正在读取', done: 50, total: 0 });
  assert.deepEqual(jobs.view(id).progress, { phase: 'read', label: '正在读取', done: 1, total: 1 });
  body.ctx.report({ phase: 'read', label: '正在读取', done: -4, total: 8 });
  assert.equal(jobs.view(id).progress.done, 0);
  body.finish('x');
  await jobs.settled(id);
});

test('a second job is refused with BUSY while one runs; maxRunning allows more', async () => {
  const jobs = runner();
  const a = controlled();
  const first = jobs.start('copy', clerk.userId, FIRST, a.run);
  assert.throws(
    () => jobs.start('print', clerk.userId, FIRST, async () => 'no'),
    (e: unknown) => e instanceof AppError && e.code === 'BUSY' && e.message === '另一个任务正在进行。',
  );
  await a.entered;
  a.finish('ok');
  await jobs.settled(first.id);
  const next = jobs.start('print', clerk.userId, FIRST, async () => 'printed');
  await jobs.settled(next.id);
  assert.equal(jobs.view(next.id).result, 'printed');

  const two = runner({ maxRunning: 2 });
  const x = controlled();
  const y = controlled();
  const jx = two.start('copy', null, FIRST, x.run);
  const jy = two.start('copy', null, FIRST, y.run);
  assert.throws(() => two.start('copy', null, FIRST, async () => 'z'), /另一个任务/);
  assert.deepEqual(
    two.running().map((j) => j.id),
    [jx.id, jy.id],
  );
  await Promise.all([x.entered, y.entered]);
  x.finish('1');
  y.finish('2');
  await Promise.all([two.settled(jx.id), two.settled(jy.id)]);
});

test('only the account that started a job, or an administrator, may cancel it', async () => {
  const jobs = runner();
  const body = controlled();
  const { id } = jobs.start('copy', clerk.userId, FIRST, body.run);
  await body.entered;
  assert.throws(
    () => jobs.cancel(id, other),
    (e: unknown) => e instanceof AppError && e.code === 'FORBIDDEN' && e.message.includes('启动该任务的账号或管理员'),
  );
  assert.throws(() => jobs.cancel(id, { userId: null, isAdmin: false }), /启动该任务的账号或管理员/);
  assert.equal(jobs.view(id).state, 'running');
  assert.equal(jobs.owns(id, clerk), true);
  assert.equal(jobs.owns(id, other), false);
  assert.equal(jobs.owns(id, admin), true);
  assert.equal(jobs.owns('no-such-job', admin), false);
  jobs.cancel(id, clerk);
  await jobs.settled(id);
  const view = jobs.view(id);
  assert.equal(view.state, 'cancelled');
  assert.deepEqual(view.error, { code: 'CANCELLED', message: '操作已取消' });
  assert.equal(view.result, null);
});

test('a job the host started (no owner) is cancelled only by an administrator', async () => {
  const jobs = runner();
  const body = controlled();
  const { id } = jobs.start('copy', null, FIRST, body.run);
  await body.entered;
  assert.throws(() => jobs.cancel(id, clerk), /启动该任务的账号或管理员/);
  jobs.cancel(id, admin);
  await jobs.settled(id);
  assert.equal(jobs.view(id).state, 'cancelled');
  // Cancelling a finished job changes nothing and is not an error.
  assert.equal(jobs.cancel(id, admin).state, 'cancelled');
});

test('failures: an AppError keeps its code and message; anything else is INTERNAL with the prefix; onFailure hears both', async () => {
  const heard: string[] = [];
  const jobs = runner({ onFailure: (kind, e) => heard.push(`${kind}:${(e as Error).message}`) });
  const known = jobs.start('copy', null, FIRST, async () => {
    throw new AppError('TARGET_UNWRITABLE', 'U 盘空间不足。');
  });
  await jobs.settled(known.id);
  assert.equal(jobs.view(known.id).state, 'failed');
  assert.deepEqual(jobs.view(known.id).error, { code: 'TARGET_UNWRITABLE', message: 'U 盘空间不足。' });

  const logged = mock.method(console, 'error', () => undefined);
  try {
    // A body that throws before its first await is a failed job too, not an exception from start().
    const odd = jobs.start('print', null, FIRST, () => {
      throw new Error('disk on fire');
    });
    await jobs.settled(odd.id);
    assert.deepEqual(jobs.view(odd.id).error, { code: 'INTERNAL', message: '任务意外失败：disk on fire' });
    assert.equal(logged.mock.callCount(), 1);
  } finally {
    logged.mock.restore();
  }
  assert.deepEqual(heard, ['copy:U 盘空间不足。', 'print:disk on fire']);
});

test('an unknown or forgotten job is NOT_FOUND with the Chinese message', async () => {
  let now = new Date('2026-12-06T08:00:00Z');
  const jobs = runner({ now: () => now });
  assert.throws(
    () => jobs.view('nope'),
    (e: unknown) => e instanceof AppError && e.code === 'NOT_FOUND' && e.message === '找不到该任务。',
  );
  assert.throws(() => jobs.cancel('nope', admin), /找不到该任务/);
  const old = jobs.start('copy', null, FIRST, async () => 'a');
  await jobs.settled(old.id);
  assert.equal(jobs.view(old.id).state, 'done');
  now = new Date('2026-12-06T09:00:01Z'); // an hour and a second later
  const fresh = jobs.start('copy', null, FIRST, async () => 'b');
  await jobs.settled(fresh.id);
  assert.throws(() => jobs.view(old.id), /找不到该任务/);
  assert.equal(jobs.view(fresh.id).result, 'b');
});

test('stop cancels what may be cut, and waits for every running job to end', async () => {
  const jobs = runner({ maxRunning: 2 });
  const cut = controlled();
  const kept = controlled();
  const a = jobs.start('copy', null, FIRST, cut.run);
  const b = jobs.start('print', null, FIRST, kept.run);
  await Promise.all([cut.entered, kept.entered]);
  let stopped = false;
  const stopping = jobs.stop((view) => view.kind === 'copy').then(() => (stopped = true));
  await jobs.settled(a.id);
  assert.equal(jobs.view(a.id).state, 'cancelled');
  assert.equal(jobs.view(b.id).state, 'running');
  assert.equal(stopped, false);
  kept.finish('finished');
  await stopping;
  assert.equal(jobs.view(b.id).state, 'done');
});

test('background services start in order, stop in reverse; every one is stopped even if one fails', async () => {
  const log: string[] = [];
  const services = new BackgroundServices();
  const svc = (name: string, failStop = false) => ({
    name,
    start: () => log.push(`start ${name}`),
    stop: async () => {
      log.push(`stop ${name}`);
      if (failStop) throw new Error(`${name} stuck`);
    },
  });
  services.add(svc('schedule'));
  services.add(svc('renderer', true));
  services.add(svc('sweeper'));
  services.startAll();
  services.startAll(); // twice is once
  const logged = mock.method(console, 'error', () => undefined);
  try {
    await assert.rejects(services.stopAll(), /renderer stuck/);
  } finally {
    logged.mock.restore();
  }
  assert.deepEqual(log, ['start schedule', 'start renderer', 'start sweeper', 'stop sweeper', 'stop renderer', 'stop schedule']);
  // A service added while running is started at once.
  services.startAll();
  log.length = 0;
  services.add(svc('late'));
  assert.deepEqual(log, ['start late']);
});

test('an interval service ticks while started, survives a failing tick, and stops', () => {
  mock.timers.enable({ apis: ['setInterval'] });
  const logged = mock.method(console, 'error', () => undefined);
  try {
    let ticks = 0;
    const service = intervalService('自动备份计划', 1000, () => {
      ticks++;
      if (ticks === 2) throw new Error('database closed');
    });
    mock.timers.tick(5000);
    assert.equal(ticks, 0, 'nothing before start');
    service.start();
    service.start();
    mock.timers.tick(3000);
    assert.equal(ticks, 3, 'one timer, three ticks, the failing one included');
    assert.equal(logged.mock.callCount(), 1);
    service.stop();
    mock.timers.tick(5000);
    assert.equal(ticks, 3);
  } finally {
    logged.mock.restore();
    mock.timers.reset();
  }
});
