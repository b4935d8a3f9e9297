import { Injectable } from '@nestjs/common';

/**
 * Runs the record writers (minute flush, hourly roll-up, retention) one at a time, so a flush
 * never interleaves with a roll-up of the same hour and SQLite sees one writer.
 */
@Injectable()
export class RecordsWriteQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task, task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
