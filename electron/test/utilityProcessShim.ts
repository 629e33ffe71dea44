/**
 * Runs a built utilityProcess entry (out/main/coreProcess.js) under plain Node, for
 * tests: provides `process.parentPort` over the IPC channel of child_process.fork,
 * with the same shapes Electron uses (`{ data }` events in, postMessage out).
 */
import { EventEmitter } from 'node:events';
import { createRequire } from 'node:module';

const entry = process.env.QINGLIAN_TEST_UTILITY_ENTRY;
if (!entry || !process.send) {
  console.error('utilityProcessShim: run me with child_process.fork and QINGLIAN_TEST_UTILITY_ENTRY');
  process.exit(2);
}
const send = process.send.bind(process);
const port = Object.assign(new EventEmitter(), {
  postMessage: (message: unknown) => {
    send(message);
  },
});
process.on('message', (message) => port.emit('message', { data: message }));
Object.defineProperty(process, 'parentPort', { value: port });
createRequire(entry)(entry);
