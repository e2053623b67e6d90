#!/usr/bin/env node
// The blog post's example, as a small ARI app for the demo traffic of `npm start`: it owns
// `demo-ivr` (where the sandbox's endpoint carol lands), answers each call, and moves it on to
// `ari-example1` with arguments — or, every third call (every Nth with --fail-every N), first tries an app nobody registered
// (Asterisk then sends it ApplicationMoveFailed) before moving it to `ari-example2` with
// `some,example,args`. `npm start` runs it through Stasis Explorer's trace proxy, so its REST
// calls and move failures show in VS Code.
// Usage: node scripts/demo-app.mjs <ARI_URL> <user> <password> [--fail-every N] (default 3)
import WebSocket from 'ws';

const [url, username, password] = process.argv.slice(2);
const failAt = process.argv.indexOf('--fail-every');
const failEvery = failAt > 0 ? Number(process.argv[failAt + 1]) : 3;
if (!url || !username || password === undefined || !(failEvery >= 1)) {
  console.error('usage: demo-app.mjs <ARI_URL> <username> <password> [--fail-every N]');
  process.exit(64);
}
const auth = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
const say = (text) => console.log(`[demo-app] ${text}`);
let calls = 0;
let waiting = false;

async function ari(method, path) {
  const res = await fetch(`${url}/ari/${path}`, { method, headers: { authorization: auth } });
  if (res.status >= 300) say(`${method} ${path.replace(/\?.*/, '')} → ${res.status} ${await res.text()}`);
}

function connect() {
  const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ari/events?app=demo-ivr`, { headers: { authorization: auth } });
  socket.on('open', () => say(`registered demo-ivr through ${url}; calls to carol land here`));
  socket.on('message', async (data) => {
    const event = JSON.parse(String(data));
    if (event.type === 'ApplicationMoveFailed') {
      if (event.destination === 'ari-example3') {
        say(`move of ${event.channel.name} to ari-example3 failed (as planned); moving it to ari-example2`);
        await ari('POST', `channels/${event.channel.id}/move?app=ari-example2&appArgs=some,example,args`);
      } else {
        // ari-example1/2 belong to Stasis Explorer, which registers them once VS Code is open.
        say(`${event.destination} is not registered yet (open VS Code); ${event.channel.name} stays in demo-ivr, retrying in 5 s`);
        setTimeout(() => void ari('POST', `channels/${event.channel.id}/move?app=${event.destination}&appArgs=${event.args.join(',')}`), 5000);
      }
    }
    if (event.type !== 'StasisStart') return;
    const n = ++calls;
    const id = event.channel.id;
    await ari('POST', `channels/${id}/answer`);
    setTimeout(() => {
      const target = n % failEvery === 0 ? 'app=ari-example3&appArgs=nobody,home' : `app=ari-example1&appArgs=from-demo-ivr,call-${n}`;
      say(`call ${n} (${event.channel.name}): move ${target}`);
      void ari('POST', `channels/${id}/move?${target}`);
    }, 1500);
  });
  socket.on('close', () => setTimeout(connect, 2000));
  socket.on('error', (error) => {
    // Before VS Code has opened, the trace proxy of `npm start` is not listening yet.
    if (error.code === 'ECONNREFUSED' && !waiting) say(`nothing listens at ${url} yet (Stasis Explorer starts its trace there once VS Code is open); retrying every 2 s`);
    waiting = error.code === 'ECONNREFUSED';
  });
}

connect();
