// The trace proxy's own thread (docs/trace-proxy.md#thread): AriProxy runs here, and its records
// go to the thread that started it (ProxyThread) in packed batches. While that thread has not
// taken MAX_BATCHES_AWAY of them, the tap holds what comes, then drops and counts it: the user's
// app traffic never waits for the reader.
import { parentPort, workerData } from 'node:worker_threads';
import { AriProxy, type AriProxyOptions } from './AriProxy';
import { transferOf, type PackedRecords } from './recordTransfer';
import type { BatchBuffers } from './TraceBatch';

/** What ProxyThread sends, and what it is sent back. */
export type ToProxyThread = { type: 'listening'; url: string } | { type: 'failed'; message: string; start: boolean } | { type: 'records'; packed: PackedRecords } | { type: 'closed' };
export type FromProxyThread = { type: 'read'; buffers?: BatchBuffers } | { type: 'close' };

const MAX_BATCHES_AWAY = 4;

const port = parentPort!;
const send = (message: ToProxyThread, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
let away = 0;
const proxy = new AriProxy({
  ...(workerData as Omit<AriProxyOptions, 'reader'>),
  reader: (packed) => {
    send({ type: 'records', packed }, transferOf(packed));
    if (++away >= MAX_BATCHES_AWAY) proxy.pause();
  },
});
port.on('message', (message: FromProxyThread) => {
  if (message.type === 'read') {
    if (message.buffers) proxy.recycle(message.buffers);
    if (--away < MAX_BATCHES_AWAY) proxy.resume();
  } else if (message.type === 'close') {
    // close() hands the closing sockets' last records over first: they go before 'closed'.
    void proxy.close().then(() => send({ type: 'closed' }));
  }
});
proxy.listen().then(
  (url) => send({ type: 'listening', url }),
  (error: Error) => send({ type: 'failed', message: error.message, start: error.name === 'ProxyStartError' }),
);
