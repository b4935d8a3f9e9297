import type { Logger } from '@nestjs/common';

/**
 * The listeners of one in-process notification: each is called in turn, and one that throws is
 * logged (with `what` as the message) without stopping the others.
 */
export class ListenerSet<T> {
  private readonly listeners = new Set<(value: T) => void>();

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
  ) {}

  /** Returns the function that removes the listener. */
  add(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(value: T, logFields: Record<string, unknown> = {}): void {
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch (err) {
        this.logger.error({ err, ...logFields }, this.what);
      }
    }
  }
}
