import type { AriRestClient } from '../ari/AriRestClient';
import { parseJson } from '../ari/jsonText';
import type { ServerModel } from '../model/ServerModel';
import type { Completions } from './completionKind';

/** What only a request tells (the model does not keep them): the server's sounds and stored recordings. */
export interface ListedOnRequest {
  readonly sounds: readonly string[];
  readonly storedRecordings: readonly string[];
}

/**
 * The ids the live model knows now, by kind, for the console's completion: channels with their
 * name and state, bridges, apps, endpoints, playbacks and recordings in progress; and the sounds
 * and stored recordings last listed.
 */
export function liveCompletions(model: ServerModel, listed: ListedOnRequest): Completions {
  const endpoints = [...model.endpoints.all];
  const sounds = listed.sounds.map((id) => ({ value: id, detail: 'sound' }));
  return {
    channel: [...model.channels.all].map((c) => ({ value: c.id, detail: `${c.snapshot.name} · ${c.snapshot.state}${c.stasisApp ? ` · in ${c.stasisApp}` : ''}` })),
    bridge: [...model.bridges.all].map((b) => ({ value: b.id, detail: `${b.bridge_type} bridge${b.name ? ` "${b.name}"` : ''} · ${b.channels.length} channel(s)` })),
    application: model.applications.all.map((a) => ({ value: a.name, detail: 'application' })),
    endpoint: endpoints.map((e) => ({ value: e.id, detail: e.endpoint.state ?? 'endpoint' })),
    endpointTech: [...new Set(endpoints.map((e) => e.endpoint.technology))].map((tech) => ({ value: tech, detail: 'technology' })),
    endpointResource: endpoints.map((e) => ({ value: e.endpoint.resource, detail: e.id })),
    playback: [...model.playbacks.all].map((p) => ({ value: p.id, detail: `${p.media_uri} · ${p.state}` })),
    recording: [...model.recordings.all].map((r) => ({ value: r.name, detail: `${r.format} · ${r.state}` })),
    storedRecording: listed.storedRecordings.map((name) => ({ value: name, detail: 'stored recording' })),
    sound: sounds,
    media: [...sounds.map((s) => ({ value: `sound:${s.value}`, detail: 'sound' })), ...listed.storedRecordings.map((name) => ({ value: `recording:${name}`, detail: 'stored recording' }))],
  };
}

/** The sounds and stored recordings, listed for completion; none when listing fails (completion is a help, not a need). */
export async function listOnRequest(rest: Pick<AriRestClient, 'send'>, server: string): Promise<ListedOnRequest> {
  const names = async (resource: string, key: 'id' | 'name'): Promise<string[]> => {
    try {
      const answer = await rest.send({ method: 'GET', resource, query: new URLSearchParams() }, `list ${resource} on ${server}`);
      const body = parseJson(answer.text);
      const list = answer.status === 200 && body.ok ? body.value : undefined;
      return Array.isArray(list) ? list.map((item) => (item as Record<string, unknown> | null)?.[key]).filter((v): v is string => typeof v === 'string') : [];
    } catch {
      return [];
    }
  };
  const [sounds, storedRecordings] = await Promise.all([names('sounds', 'id'), names('recordings/stored', 'name')]);
  return { sounds, storedRecordings };
}
