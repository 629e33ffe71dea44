import type { Channel, Result, ValidInput } from '../api';
import type { HandlerContext } from './context';

/**
 * Implements one channel. Handlers of writing channels run inside the host's transaction,
 * so they must be synchronous (better-sqlite3 refuses a transaction returning a promise);
 * reading handlers may be async (e.g. parsing an uploaded spreadsheet).
 */
export type HandlerFn<C extends Channel> = (input: ValidInput<C>, ctx: HandlerContext) => Result<C> | Promise<Result<C>>;

/**
 * A writing channel with slow work that needs no transaction (hashing a password with
 * scrypt): `prepare` runs first, off the main thread where it can, so the host keeps
 * answering everyone else; then `run` writes, synchronously, inside the transaction.
 */
export interface PreparedWrite<C extends Channel, P = unknown> {
  prepare(input: ValidInput<C>, ctx: HandlerContext): Promise<P>;
  run(input: ValidInput<C>, ctx: HandlerContext, prepared: P): Result<C>;
}

export type Handler<C extends Channel> = HandlerFn<C> | PreparedWrite<C, never>;

/** Builds a PreparedWrite with its prepared value's type inferred. */
export function preparedWrite<C extends Channel, P>(def: PreparedWrite<C, P>): PreparedWrite<C, never> {
  return def as unknown as PreparedWrite<C, never>;
}

/**
 * An area's handlers (Actual Budget style): one map per area, merged in core/handlers.ts.
 * `Prepared` names the area's channels written as a PreparedWrite.
 */
export type HandlerMap<K extends Channel, Prepared extends K = never> = {
  [C in K]: C extends Prepared ? PreparedWrite<C, never> : HandlerFn<C>;
};
