// The vendored ARI spec (spec/ari/api-docs) and the generator, as the generated-code tests read
// them: generatedTypes, generatorChecks, ariOperations, ariOperationDocs, runtimeBundle.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface SpecProperty {
  type: string;
  required?: boolean;
  allowableValues?: { valueType: string; values?: string[] };
}
export interface SpecModel {
  id: string;
  properties?: Record<string, SpecProperty>;
  subTypes?: string[];
  discriminator?: string;
}
export interface SpecParameter {
  name: string;
  paramType: string;
  dataType: string;
  required?: boolean;
  allowMultiple?: boolean;
  allowableValues?: { valueType: string; values?: string[]; min?: number; max?: number };
  defaultValue?: string | number | boolean;
  description?: string;
  descriptioni?: string;
}
export interface SpecOperation {
  httpMethod: string;
  nickname: string;
  summary: string;
  notes?: string;
  since: string[];
  responseClass: string;
  parameters?: SpecParameter[];
  errorResponses?: { code: number | string; reason: string }[];
  upgrade?: string;
}
export interface ApiDoc {
  apiVersion: string;
  models?: Record<string, SpecModel>;
  apis?: { path: string; operations: SpecOperation[] }[];
}

/** The repo root: the first folder above this file whose package.json is stasis-explorer's. */
function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'stasis-explorer') return dir;
    if (path.dirname(dir) === dir) throw new Error(`No stasis-explorer package.json above ${start}`);
  }
}

export const ROOT = findRepoRoot(__dirname);
export const SPEC_DIR = path.join(ROOT, 'spec', 'ari', 'api-docs');
export const GENERATOR = path.join(ROOT, 'scripts', 'generate-ari-types.mjs');
export const GENERATED_DIR = path.join(ROOT, 'src', 'ari', 'generated');
/** Every file the generator writes, by name. */
export const GENERATED_NAMES = ['ariOperationDocs.ts', 'ariOperations.ts', 'ariTypes.ts'];

export function readDoc(file: string): ApiDoc {
  return JSON.parse(fs.readFileSync(path.join(SPEC_DIR, file), 'utf8')) as ApiDoc;
}

export function readGenerated(name: string): string {
  return fs.readFileSync(path.join(GENERATED_DIR, name), 'utf8');
}

export function runGenerator(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [GENERATOR, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every operation of the spec JSON, in resources.json order then file order. */
export function specOperations(): { id: string; resource: string; apiPath: string; op: SpecOperation }[] {
  const resources = readDoc('resources.json') as unknown as { apis: { path: string }[] };
  const out = [];
  for (const api of resources.apis) {
    const resource = /^\/api-docs\/(\w+)\.\{format\}$/.exec(api.path)?.[1];
    assert.ok(resource, api.path);
    for (const entry of readDoc(`${resource}.json`).apis ?? []) {
      for (const op of entry.operations) out.push({ id: `${resource}.${op.nickname}`, resource, apiPath: entry.path, op });
    }
  }
  return out;
}

/** A parameter's description as the spec gives it: endpoints.json spells "description" as "descriptioni" for two `variables` parameters. */
export function specDescription(p: SpecParameter): string {
  return p.description ?? p.descriptioni ?? '';
}

/**
 * The code of a generated file with its comments removed, and its string literals (unescaped),
 * from a small scanner of the generator's output: single-quoted strings, // and block comments.
 */
export function codeAndStrings(text: string): { code: string; strings: string[] } {
  let code = '';
  const strings: string[] = [];
  for (let i = 0; i < text.length; ) {
    if (text.startsWith('/*', i)) {
      const end = text.indexOf('*/', i + 2);
      assert.ok(end >= 0, 'unterminated comment');
      i = end + 2;
    } else if (text.startsWith('//', i)) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (text[i] === "'") {
      let value = '';
      for (i++; text[i] !== "'"; i++) {
        assert.ok(i < text.length && text[i] !== '\n', 'unterminated string');
        if (text[i] === '\\') {
          i++;
          value += text[i] === 'n' ? '\n' : text[i];
        } else value += text[i];
      }
      i++;
      strings.push(value);
      code += "''";
    } else code += text[i++];
  }
  return { code, strings };
}
