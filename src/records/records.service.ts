import { Injectable, Logger } from '@nestjs/common';
import { LiveState } from './live-state.service.js';
import { MinuteBucketAggregator } from './minute-bucket.aggregator.js';
import { MinuteBucketWriter, type FlushListener } from './minute-bucket.writer.js';
import type { Sample } from './sample.js';

/** Called synchronously for every ingested sample: must be cheap (alerts' window, traffic meter). */
export type SampleListener = (sample: Sample) => void;

/**
 * What the agent gateway calls: `ingest` for every validated sample (live or backfilled), and
 * `onFlushed` to learn which outbox seqs are on disk so it can acknowledge them.
 */
@Injectable()
export class RecordsService {
  private readonly logger = new Logger(RecordsService.name);
  private sampleListeners: SampleListener[] = [];

  constructor(
    private readonly live: LiveState,
    private readonly aggregator: MinuteBucketAggregator,
    private readonly writer: MinuteBucketWriter,
  ) {}

  /** Synchronous and cheap: updates the live state and folds the sample into its minute bucket. */
  ingest(sample: Sample): void {
    this.live.update(sample);
    this.aggregator.ingest(sample);
    for (const listener of this.sampleListeners) {
      try {
        listener(sample);
      } catch (err) {
        this.logger.error({ err }, 'sample listener failed');
      }
    }
  }

  /** Subscribes to every ingested sample (live and backfilled); returns the unsubscribe function. */
  onSample(listener: SampleListener): () => void {
    this.sampleListeners = [...this.sampleListeners, listener];
    return () => {
      this.sampleListeners = this.sampleListeners.filter((l) => l !== listener);
    };
  }

  /** Called after every committed flush; returns the unsubscribe function. */
  onFlushed(listener: FlushListener): () => void {
    return this.writer.onFlushed(listener);
  }
}
