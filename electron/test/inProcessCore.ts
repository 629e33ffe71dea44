/**
 * A stand-in for `utilityProcess.fork(coreProcess.js)` that runs the real core server
 * (and a real CoreHost on SQLite) in this process, with structured-clone message
 * passing and an asynchronous hop each way, like the real thing.
 */
import { EventEmitter } from 'node:events';
import { createCoreHost } from '../../core/host/coreHost';
import type { UtilityProcessLike } from '../coreProcess/client';
import type { FromCoreMessage, ToCoreMessage } from '../coreProcess/protocol';
import { runCoreServer } from '../coreProcess/server';

export class InProcessCore extends EventEmitter implements UtilityProcessLike {
  private readonly port = new EventEmitter();
  exited = false;
  readonly sent: ToCoreMessage[] = [];

  constructor(readonly modulePath: string) {
    super();
    const port = Object.assign(this.port, {
      postMessage: (message: FromCoreMessage) => {
        const copy = structuredClone(message);
        setImmediate(() => {
          if (!this.exited) this.emit('message', copy);
        });
      },
    });
    runCoreServer(port, {
      createHost: createCoreHost,
      env: {},
      expectedAbi: process.versions.modules,
      exit: (code) => this.exit(code),
    });
  }

  postMessage(message: ToCoreMessage): void {
    if (this.exited) throw new Error('process gone');
    this.sent.push(message);
    const copy = structuredClone(message);
    setImmediate(() => {
      if (!this.exited) this.port.emit('message', { data: copy });
    });
  }

  kill(): boolean {
    if (this.exited) return false;
    this.exit(null);
    return true;
  }

  /** Simulates the process dying (segfault, out of memory, …). */
  crash(): void {
    this.exit(139);
  }

  private exit(code: number | null): void {
    if (this.exited) return;
    this.exited = true;
    setImmediate(() => this.emit('exit', code ?? 0));
  }
}
