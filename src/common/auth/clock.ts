import { Global, Injectable, Module } from '@nestjs/common';

/** Wall-clock time behind an injectable, so tests of expiry, sliding TTLs and rate limits use fake time. */
@Injectable()
export class Clock {
  /** Epoch milliseconds. */
  now(): number {
    return Date.now();
  }
}

/** One clock for the whole hub (imported once by AuthModule; tests may import it directly). */
@Global()
@Module({ providers: [Clock], exports: [Clock] })
export class ClockModule {}
