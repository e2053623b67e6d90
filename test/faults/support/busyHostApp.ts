// A user's app in a process of its own, for the test that blocks the thread that started the
// trace proxy: told 'go', it originates calls through the proxy and keeps the time of every
// event it then gets, and tells its parent what came, and when, once told 'report'.
import WebSocket from 'ws';

const { url, app, authorization, calls } = JSON.parse(process.env.BUSY_HOST_APP ?? '{}') as { url: string; app: string; authorization: string; calls: number };
const received: number[] = [];
const answered: number[] = [];
const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ari/events?app=${encodeURIComponent(app)}`, { headers: { authorization } });
socket.on('message', () => received.push(Date.now()));
socket.on('open', () => process.send?.({ type: 'open' }));
socket.on('error', (error) => process.send?.({ type: 'error', message: error.message }));
process.on('message', (message: { type: string }) => {
  if (message.type === 'go') {
    for (let n = 0; n < calls; n++) {
      void fetch(`${url}/ari/channels?endpoint=Local/100@default&app=${encodeURIComponent(app)}&channelId=${app}-${n}`, { method: 'POST', headers: { authorization } }).then((r) => answered.push(r.status === 200 ? Date.now() : -r.status));
    }
  } else if (message.type === 'report') {
    process.send?.({ type: 'report', received, answered });
  }
});
