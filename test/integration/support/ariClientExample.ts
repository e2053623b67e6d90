// The blog post's example app, as a user runs it: ari-client 2.2.0 and nothing of Stasis
// Explorer, in a process of its own (ari-client keeps sockets and timers it offers no way to end).
// On StasisStart in its first app it answers the channel, lists the channels and moves the
// channel to its second app with `some,example,args`; a call whose first arg is a key of `moves`
// goes to that destination instead. It tells its parent (AriClientApp.ts), over IPC, every event
// ari-client handed it and every HTTP request the process made with the status it got: what the
// app itself saw, to hold against what a trace of it saw.
import * as diagnostics from 'node:diagnostics_channel';
import type * as http from 'node:http';
import type { AriEvent } from '../../../src/ari/generated/ariTypes';
import type { AriClientExampleConfig, AriClientMessage } from './AriClientApp';

interface AriChannel {
  answer(): Promise<void>;
  move(options: { app: string; appArgs: string }): Promise<void>;
}
interface AriClient {
  on(type: string, listener: (event: AriEvent, channel: AriChannel) => void): void;
  channels: { list(): Promise<unknown[]> };
  start(apps: string[]): Promise<void>;
}

const config = JSON.parse(process.env.ARI_EXAMPLE_CONFIG ?? '{}') as AriClientExampleConfig;
const send = (message: AriClientMessage) => process.send?.(message);

// Every request the process makes, whichever library inside ari-client makes it (request, shred, ws).
let nextIndex = 0;
diagnostics.subscribe('http.client.request.start', (message) => {
  const { request } = message as { request: http.ClientRequest };
  const entry = { index: nextIndex++, method: request.method, path: request.path };
  let told = false;
  const tell = (status: number) => {
    if (told) return;
    told = true;
    send({ kind: 'rest', exchange: { ...entry, status } });
  };
  request.on('response', (response: http.IncomingMessage) => tell(response.statusCode ?? 0));
  request.on('upgrade', (response: http.IncomingMessage) => tell(response.statusCode ?? 0));
  request.on('error', () => tell(0));
});

// Loaded after the subscription, as a user's `require` at the top of their app would be.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ari = require('ari-client') as { connect(url: string, user: string, pass: string): Promise<AriClient> };

ari
  .connect(config.url, config.username, config.password)
  .then((client) => {
    client.on('*', (event) => send({ kind: 'event', event }));
    client.on('StasisStart', (event, channel) => {
      if (event.type !== 'StasisStart' || event.application !== config.apps[0]) return;
      const destination = config.moves[event.args[0] ?? ''] ?? config.apps[1];
      channel
        .answer()
        .then(() => client.channels.list())
        .then(() => channel.move({ app: destination, appArgs: 'some,example,args' }))
        .catch((error: Error) => send({ kind: 'failed', message: `handling ${event.channel.id}: ${error.message}` }));
    });
    return client.start(config.apps);
  })
  .then(() => send({ kind: 'ready' }))
  .catch((error: Error) => send({ kind: 'failed', message: `starting: ${error.message}` }));
