/** A long backup job in the host: start it, poll `backup.job` until it ends, cancel it. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BackupJobView } from '../../../core/backup/contract';
import { call } from '../../api/client';
import { errorMessage } from '../../api/errors';

export function useBackupJob(onEnd?: (job: BackupJobView) => void) {
  const [job, setJob] = useState<BackupJobView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const alive = useRef(true);
  const endRef = useRef(onEnd);

  useEffect(() => {
    endRef.current = onEnd;
  }, [onEnd]);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const start = useCallback(async (starter: () => Promise<BackupJobView>) => {
    setError(null);
    setJob(null);
    let view: BackupJobView;
    try {
      view = await starter();
    } catch (e) {
      setError(errorMessage(e));
      throw e;
    }
    setJob(view);
    // Poll until the job ends (backup.job needs no session: a restore ends them all).
    void (async () => {
      while (alive.current) {
        await new Promise((r) => setTimeout(r, 200));
        try {
          const next = await call('backup.job', { jobId: view.id });
          if (!alive.current) return;
          setJob(next);
          if (next.state !== 'running') {
            endRef.current?.(next);
            return;
          }
        } catch (e) {
          setError(errorMessage(e));
          return;
        }
      }
    })();
    return view;
  }, []);

  const cancel = useCallback(async () => {
    if (job) await call('backup.cancel', { jobId: job.id }).catch(() => undefined);
  }, [job]);

  const reset = useCallback(() => {
    setJob(null);
    setError(null);
  }, []);

  return { job, error, start, cancel, reset, running: job?.state === 'running' };
}
