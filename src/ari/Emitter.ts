/** A disposable handle, shaped like VS Code's so the UI layer can hand it straight to a context. */
export interface Disposable {
  dispose(): void;
}

export type Listener<T> = (value: T) => void;

/**
 * A minimal typed event source. A throwing listener must not stop the others, nor the socket
 * reader that fires it, so errors are passed to `onListenerError` instead of propagating.
 */
export class Emitter<T> {
  private listeners: Listener<T>[] = [];

  constructor(private readonly onListenerError: (error: unknown) => void = reportToConsole) {}

  readonly event = (listener: Listener<T>): Disposable => {
    this.listeners = [...this.listeners, listener];
    return {
      dispose: () => {
        this.listeners = this.listeners.filter((l) => l !== listener);
      },
    };
  };

  fire(value: T): void {
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  dispose(): void {
    this.listeners = [];
  }
}

/** Where a listener's error goes when its emitter's owner gave no better place. */
function reportToConsole(error: unknown): void {
  console.error('Stasis Explorer: an event listener failed:', error);
}
