import type * as vscode from 'vscode';
import type { Ui } from '../../src/ui/Ui';
import { until } from './until';

export interface Shown {
  kind: 'info' | 'warn' | 'error' | 'pick' | 'input' | 'status' | 'copy' | 'save' | 'open';
  message: string;
  actions: string[];
  modal?: boolean;
}

/** A label (a pick, an input, a message's action), labels (a pick of several), or a choice made from the items. */
type Answer = string | readonly string[] | undefined | ((items: readonly vscode.QuickPickItem[]) => vscode.QuickPickItem | undefined);

/**
 * Stands in for the window, in plain mocha and in the extension-host tests: it records every
 * message and prompt and answers prompts from a queue (an unexpected prompt is answered "cancel"
 * and recorded, so the test sees it). Settings come from `settings`, the clipboard is `copied`.
 */
export class RecordingUi implements Ui {
  readonly shown: Shown[] = [];
  readonly settings = new Map<string, unknown>();
  copied: string | undefined;
  private readonly answers: Answer[] = [];

  answer(...answers: Answer[]): this {
    this.answers.push(...answers);
    return this;
  }

  last(kind: Shown['kind']): Shown | undefined {
    return [...this.shown].reverse().find((s) => s.kind === kind);
  }

  async waitFor(kind: Shown['kind'], pattern: RegExp, ms = 10_000): Promise<Shown> {
    try {
      return await until(() => this.shown.find((s) => s.kind === kind && pattern.test(s.message)), `a ${kind} message matching ${pattern}`, ms);
    } catch (error) {
      throw new Error(`${(error as Error).message}; shown: ${JSON.stringify(this.shown.map((s) => `${s.kind}: ${s.message}`))}`);
    }
  }

  info(message: string, ...actions: string[]): Thenable<string | undefined> {
    this.shown.push({ kind: 'info', message, actions });
    return Promise.resolve(undefined);
  }

  warn(message: string, options: { modal?: boolean }, ...actions: string[]): Thenable<string | undefined> {
    this.shown.push({ kind: 'warn', message, actions, modal: options.modal });
    return Promise.resolve(this.next() as string | undefined);
  }

  error(message: string, ...actions: string[]): Thenable<string | undefined> {
    this.shown.push({ kind: 'error', message, actions });
    return Promise.resolve(undefined);
  }

  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined> {
    this.shown.push({ kind: 'pick', message: options.placeHolder ?? '', actions: items.map((i) => i.label) });
    const answer = this.next();
    if (typeof answer === 'function') return Promise.resolve(answer(items) as T | undefined);
    return Promise.resolve(items.find((i) => i.label === answer));
  }

  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<readonly T[] | undefined> {
    this.shown.push({ kind: 'pick', message: options.placeHolder ?? '', actions: items.map((i) => i.label) });
    const answer = this.next();
    return Promise.resolve(Array.isArray(answer) ? items.filter((i) => answer.includes(i.label)) : undefined);
  }

  async input(options: vscode.InputBoxOptions): Promise<string | undefined> {
    this.shown.push({ kind: 'input', message: options.prompt ?? '', actions: [] });
    const answer = this.next();
    if (typeof answer !== 'string') return undefined;
    const problem = await options.validateInput?.(answer);
    if (problem) {
      this.shown.push({ kind: 'error', message: `validation: ${typeof problem === 'string' ? problem : problem.message}`, actions: [] });
      return undefined;
    }
    return answer;
  }

  progress<T>(_title: string, task: () => Promise<T>): Thenable<T> {
    return task();
  }

  status(text: string): void {
    this.shown.push({ kind: 'status', message: text, actions: [] });
  }

  copy(text: string): Thenable<void> {
    this.copied = text;
    this.shown.push({ kind: 'copy', message: text, actions: [] });
    return Promise.resolve();
  }

  setting<T>(key: string, fallback: T): T {
    return this.settings.has(key) ? (this.settings.get(key) as T) : fallback;
  }

  /** What the next save dialog answers (then nothing again). */
  saveTo: vscode.Uri | undefined;

  saveFile(options: { saveLabel: string }): Thenable<vscode.Uri | undefined> {
    this.shown.push({ kind: 'save', message: options.saveLabel, actions: [] });
    const to = this.saveTo;
    this.saveTo = undefined;
    return Promise.resolve(to);
  }

  openFile(options: { openLabel: string }): Thenable<vscode.Uri | undefined> {
    this.shown.push({ kind: 'open', message: options.openLabel, actions: [] });
    return Promise.resolve(undefined);
  }

  private next(): Answer {
    return this.answers.shift();
  }
}
