import type { Channel, Result, ValidInput } from '../api';
import type { HandlerContext } from './context';

/**
 * Implements one channel. Handlers of writing channels run inside the host's transaction,
 * so they must be synchronous (better-sqlite3 refuses a transaction returning a promise);
 * reading handlers may be async (e.g. parsing an uploaded spreadsheet).
 */
export type Handler<C extends Channel> = (input: ValidInput<C>, ctx: HandlerContext) => Result<C> | Promise<Result<C>>;

/** An area's handlers (Actual Budget style): one map per area, merged in core/handlers.ts. */
export type HandlerMap<K extends Channel> = { [C in K]: Handler<C> };
