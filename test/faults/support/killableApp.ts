// A user's app in a process of its own, there to be killed (SIGKILL) with its events socket
// open: then only the kernel ends its connection, with no close frame. It opens
// `<url>/ari/events?app=<app>` and tells its parent 'open' (or what went wrong).
import WebSocket from 'ws';

const { url, app, authorization } = JSON.parse(process.env.KILLABLE_APP ?? '{}') as { url: string; app: string; authorization: string };
const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ari/events?app=${encodeURIComponent(app)}`, { headers: { authorization } });
socket.on('open', () => process.send?.('open'));
socket.on('error', (error) => process.send?.(`error: ${error.message}`));
