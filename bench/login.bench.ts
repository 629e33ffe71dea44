/**
 * login.*: 20 logins at once against one host (issue 13, item 1). Before, scrypt ran on
 * the main thread and the 20 ran one after another while nothing else was answered
 * (14 s on a busy machine). Reported: wall time until all 20 are in, and the longest
 * wait of another clerk's call (app.info, every 5 ms) meanwhile, beside the same 20
 * checks done the old way (synchronous scrypt), with CPU time.
 */
import { verifyPassword } from '../core/auth/password';
import { makeHost } from '../core/testing';
import { emit } from './stats';

export async function run({ quick }: { quick: boolean }): Promise<void> {
  const logins = quick ? 10 : 20;
  const h = await makeHost();
  try {
    const names = Array.from({ length: logins }, (_, i) => `bench${i}`);
    for (const name of names)
      await h.call('users.create', { username: name, displayName: name, password: 'Bench12345', roles: ['handler'] });

    const cpu0 = process.cpuUsage();
    const start = performance.now();
    let done = false;
    let longestWait = 0;
    const probe = (async () => {
      while (!done) {
        const t = performance.now();
        await h.host.invoke('app.info', {});
        await new Promise((r) => setTimeout(r, 5));
        longestWait = Math.max(longestWait, performance.now() - t - 5);
      }
    })();
    const envs = await Promise.all(names.map((username) => h.host.invoke('auth.login', { username, password: 'Bench12345' })));
    const wall = performance.now() - start;
    done = true;
    await probe;
    const cpu = process.cpuUsage(cpu0);
    if (!envs.every((e) => e.ok)) throw new Error('a bench login failed');

    // The old way: the same checks, synchronous, one after another on the main thread.
    const hashes = names.map(
      (n) => (h.host.db.prepare('SELECT password_hash AS p FROM users WHERE username = ?').get(n) as { p: string }).p,
    );
    const syncStart = performance.now();
    for (const hash of hashes) verifyPassword('Bench12345', hash);
    const syncWall = performance.now() - syncStart;

    emit({
      name: 'login.parallel.wall',
      value: wall,
      unit: 'ms',
      logins,
      baseline: syncWall,
      ratio: syncWall / wall,
      cpuMs: (cpu.user + cpu.system) / 1000,
    });
    // With synchronous scrypt the host answered nothing for the whole baseline time.
    emit({
      name: 'login.parallel.otherCallMaxWait',
      value: longestWait,
      unit: 'ms',
      logins,
      baseline: syncWall,
      ratio: syncWall / Math.max(longestWait, 0.001),
    });
  } finally {
    h.close();
  }
}
