import type { Channel, Result, ValidInput } from '../api';
import type { HandlerContext } from './context';

/** Implements one channel. Handlers of writing channels run inside the host's transaction, so they are synchronous. */
export type Handler<C extends Channel> = (input: ValidInput<C>, ctx: HandlerContext) => Result<C>;

/** An area's handlers (Actual Budget style): one map per area, merged in core/handlers.ts. */
export type HandlerMap<K extends Channel> = { [C in K]: Handler<C> };
