/**
 * Crash-test child (core/backup/crash.integration.test.ts): opens the data folder like the app,
 * logs in and issues every reviewed reply, one after another, until killed. Prints
 * "issuing" before the first and "issued all" after the last, so the test knows the
 * kill landed inside the work. Not used by the app.
 */
import { createCoreHost } from '../host/coreHost';

async function main(): Promise<void> {
  const [dataDir, username, password] = process.argv.slice(2) as [string, string, string];
  const host = createCoreHost({ dataDir, shell: 'browser', version: 'crash-test', scheduleBackups: false });
  const login = await host.invoke('auth.login', { username, password });
  if (!login.ok) throw new Error(login.error.message);
  const session = (login.value as { sessionId: string }).sessionId;
  const page = await host.invoke('opinionReplies.list', { status: 'reviewed', page: 1, pageSize: 200 }, session);
  if (!page.ok) throw new Error(page.error.message);
  const replies = (page.value as { items: { id: string }[] }).items;
  process.stderr.write('issuing\n');
  for (const r of replies) {
    const got = await host.invoke('opinionReplies.get', { id: r.id }, session);
    if (!got.ok) throw new Error(got.error.message);
    const reply = got.value as { rev: number; reviewedHash: string | null };
    const env = await host.invoke('opinionReplies.issue', { id: r.id, rev: reply.rev, reviewedHash: reply.reviewedHash }, session);
    if (!env.ok) throw new Error(env.error.message);
  }
  process.stderr.write('issued all\n');
  host.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
