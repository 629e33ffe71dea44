/**
 * A stand-in for `utilityProcess.fork(coreProcess.js)` that runs the real core server
 * (and a real CoreHost on SQLite) in this process, with structured-clone message
 * passing and an asynchronous hop each way, like the real thing.
 */
import { EventEmitter } from 'node:events';
import { createCoreHost, type CoreHost } from '../../core/host/coreHost';
import type { UtilityProcessLike } from '../coreProcess/client';
import type { FromCoreMessage, ToCoreMessage } from '../coreProcess/protocol';
import { runCoreServer } from '../coreProcess/server';

export class InProcessCore extends EventEmitter implements UtilityProcessLike {
  private readonly port = new EventEmitter();
  exited = false;
  readonly sent: ToCoreMessage[] = [];
  private host: CoreHost | null = null;

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
      createHost: (options) => (this.host = createCoreHost(options)),
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
    // A process that dies loses its files and locks (the data folder's lock among them);
    // in this process the stand-in must let go of them itself, or the restarted core is
    // refused the folder.
    try {
      this.host?.close();
    } catch {
      // already closed by a clean shutdown
    }
    setImmediate(() => this.emit('exit', code ?? 0));
  }
}
