// The generator's refusals and --check: a spec it cannot read faithfully fails loudly, and a stale
// generated file is named with its first difference.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SPEC_DIR, readDoc, runGenerator, type ApiDoc, type SpecModel } from './ariSpecFixture';

function allModels(): Map<string, SpecModel> {
  const models = new Map<string, SpecModel>();
  for (const file of fs.readdirSync(SPEC_DIR).filter((f) => f.endsWith('.json')).sort()) {
    for (const [id, model] of Object.entries(readDoc(file).models ?? {})) models.set(id, model);
  }
  return models;
}

describe('generator safety checks (scripts/generate-ari-types.mjs)', function () {
  this.timeout(20000);

  const models = allModels();
  let tmp = '';
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ari-spec-'));
    fs.cpSync(SPEC_DIR, tmp, { recursive: true });
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  function editDoc(file: string, edit: (doc: ApiDoc) => void): void {
    const p = path.join(tmp, file);
    const doc = JSON.parse(fs.readFileSync(p, 'utf8')) as ApiDoc;
    edit(doc);
    fs.writeFileSync(p, JSON.stringify(doc, null, '\t'));
  }

  it('merges an identical duplicate model and still produces the same file', () => {
    const channel = models.get('Channel');
    editDoc('events.json', (doc) => {
      doc.models = { ...doc.models, Channel: structuredClone(channel as SpecModel) };
    });
    const r = runGenerator('--check', '--spec', tmp, '--asterisk-version', '22.10.1');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /identical duplicate models merged: Channel/);
  });

  it('fails loudly when two files define the same model differently', () => {
    editDoc('events.json', (doc) => {
      const channel = structuredClone(models.get('Channel') as SpecModel);
      channel.properties = { ...channel.properties, extra: { type: 'string' } };
      doc.models = { ...doc.models, Channel: channel };
    });
    const r = runGenerator('--check', '--spec', tmp);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Model "Channel" is defined differently in channels\.json and events\.json/);
  });

  it('fails loudly on an unknown swagger type', () => {
    editDoc('mailboxes.json', (doc) => {
      const mailbox = doc.models?.Mailbox;
      assert.ok(mailbox?.properties);
      mailbox.properties.new_messages.type = 'uint128';
    });
    const r = runGenerator('--check', '--spec', tmp);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /unknown swagger type "uint128"/);
  });

  it('--check checks ariOperations.ts too: a changed parameter makes it stale, ariTypes.ts and ariOperationDocs.ts stay up to date', () => {
    editDoc('channels.json', (doc) => {
      const move = doc.apis?.flatMap((a) => a.operations).find((o) => o.nickname === 'move');
      const app = move?.parameters?.find((p) => p.name === 'app');
      assert.ok(app);
      app.required = false;
    });
    const r = runGenerator('--check', '--spec', tmp, '--asterisk-version', '22.10.1');
    assert.equal(r.status, 1);
    assert.match(r.stdout, /ariTypes\.ts is up to date/);
    assert.match(r.stdout, /ariOperationDocs\.ts is up to date/);
    assert.match(r.stderr, /ariOperations\.ts differs from what the spec generates/);
    assert.match(r.stderr, /app\?: string;/);
  });

  it('fails loudly on a duplicate operation id, an unknown responseClass or parameter dataType', () => {
    editDoc('channels.json', (doc) => {
      const ops = doc.apis?.flatMap((a) => a.operations) ?? [];
      const redirect = ops.find((o) => o.nickname === 'redirect');
      assert.ok(redirect);
      redirect.nickname = 'move';
    });
    let r = runGenerator('--check', '--spec', tmp);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /Operation id "channels\.move" is not unique: channels\.json: POST \/channels\/\{channelId\}\/move \(move\) and channels\.json: POST \/channels\/\{channelId\}\/redirect/);

    fs.cpSync(SPEC_DIR, tmp, { recursive: true });
    editDoc('sounds.json', (doc) => {
      const list = doc.apis?.flatMap((a) => a.operations).find((o) => o.nickname === 'list');
      assert.ok(list);
      list.responseClass = 'List[Noise]';
    });
    r = runGenerator('--check', '--spec', tmp);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /sounds\.list \(GET \/sounds\): unknown responseClass "Noise"/);

    fs.cpSync(SPEC_DIR, tmp, { recursive: true });
    editDoc('channels.json', (doc) => {
      const dial = doc.apis?.flatMap((a) => a.operations).find((o) => o.nickname === 'dial');
      const timeout = dial?.parameters?.find((p) => p.name === 'timeout');
      assert.ok(timeout);
      timeout.dataType = 'duration';
    });
    r = runGenerator('--check', '--spec', tmp);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /parameter "timeout": unknown dataType "duration"/);
  });

  it('--check reports a stale file', () => {
    editDoc('mailboxes.json', (doc) => {
      const mailbox = doc.models?.Mailbox;
      assert.ok(mailbox?.properties);
      mailbox.properties.new_messages.required = false;
    });
    const r = runGenerator('--check', '--spec', tmp, '--asterisk-version', '22.10.1');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /differs from what the spec generates/);
    assert.match(r.stderr, /new_messages\?: number/);
  });

  it('--check checks ariOperationDocs.ts too: a changed error reason makes only it stale (it is not in the runtime table)', () => {
    editDoc('channels.json', (doc) => {
      const move = doc.apis?.flatMap((a) => a.operations).find((o) => o.nickname === 'move');
      const notFound = move?.errorResponses?.find((e) => Number(e.code) === 404);
      assert.ok(notFound);
      notFound.reason = 'No such channel';
    });
    const r = runGenerator('--check', '--spec', tmp, '--asterisk-version', '22.10.1');
    assert.equal(r.status, 1);
    assert.match(r.stdout, /ariTypes\.ts is up to date/);
    assert.match(r.stdout, /ariOperations\.ts is up to date/);
    assert.match(r.stderr, /ariOperationDocs\.ts differs from what the spec generates/);
    assert.match(r.stderr, /\{ code: 404, reason: 'No such channel' \}/);
  });

  it('fails loudly on a parameter named __proto__ (it cannot be a key of ARI_OPERATION_DOCS)', () => {
    editDoc('channels.json', (doc) => {
      const move = doc.apis?.flatMap((a) => a.operations).find((o) => o.nickname === 'move');
      const appArgs = move?.parameters?.find((p) => p.name === 'appArgs');
      assert.ok(appArgs);
      appArgs.name = '__proto__';
    });
    const r = runGenerator('--check', '--spec', tmp);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /channels\.move: a parameter named "__proto__" cannot be a key of ARI_OPERATION_DOCS/);
  });
});
