import { AppError, type ErrorCode } from '../errors';

/** A backup failure: a stable code and a Chinese message shown to the clerk as is. */
export function backupError(code: ErrorCode, message: string): AppError {
  return new AppError(code, message);
}

export const cancelled = (): AppError => backupError('CANCELLED', '操作已取消，没有做任何改动。');

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled();
}

/** Gives a promise that is awaited later a handler now: a failure meanwhile is not an unhandled rejection (which ends the process). */
export function later<T>(p: Promise<T>): Promise<T> {
  p.catch(() => undefined);
  return p;
}
