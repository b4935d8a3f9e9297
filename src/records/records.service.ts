import { Injectable } from '@nestjs/common';
import { LiveState } from './live-state.service.js';
import { MinuteBucketAggregator } from './minute-bucket.aggregator.js';
import { MinuteBucketWriter, type FlushListener } from './minute-bucket.writer.js';
import type { Sample } from './sample.js';

/**
 * What the agent gateway calls: `ingest` for every validated sample (live or backfilled), and
 * `onFlushed` to learn which outbox seqs are on disk so it can acknowledge them.
 */
@Injectable()
export class RecordsService {
  constructor(
    private readonly live: LiveState,
    private readonly aggregator: MinuteBucketAggregator,
    private readonly writer: MinuteBucketWriter,
  ) {}

  /** Synchronous and cheap: updates the live state and folds the sample into its minute bucket. */
  ingest(sample: Sample): void {
    this.live.update(sample);
    this.aggregator.ingest(sample);
  }

  /** Called after every committed flush; returns the unsubscribe function. */
  onFlushed(listener: FlushListener): () => void {
    return this.writer.onFlushed(listener);
  }
}
