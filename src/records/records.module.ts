import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClockModule } from '../common/auth/clock.js';
import { DatabaseModule } from '../database/database.module.js';
import { ServersModule } from '../servers/servers.module.js';
import { DirtyHour } from './dirty-hour.entity.js';
import { HistoryService } from './history.service.js';
import { HourlyRecord } from './hourly-record.entity.js';
import { HourlyRollupService } from './hourly-rollup.service.js';
import { LastRecords } from './last-records.service.js';
import { LiveState } from './live-state.service.js';
import { MinuteBucketAggregator } from './minute-bucket.aggregator.js';
import { MinuteBucketWriter } from './minute-bucket.writer.js';
import { MinuteRecord } from './minute-record.entity.js';
import { RecordSeries } from './record-series.entity.js';
import { RecordStore } from './record.store.js';
import { RecordsController } from './records.controller.js';
import { IntervalJobs } from '../common/jobs/interval-jobs.js';
import { RecordsJobs } from './records.jobs.js';
import { RecordsService } from './records.service.js';
import { RetentionSettingsService } from './retention-settings.service.js';
import { RetentionController } from './retention.controller.js';
import { RetentionService } from './retention.service.js';
import { SeriesRegistry } from './series.registry.js';
import { RecordsWriteQueue } from './write-queue.js';

/** Live state, minute buckets and their writer, hourly roll-up, retention and history queries. */
@Module({
  imports: [
    ClockModule,
    // SettingsStore: retention settings live in the configs table.
    DatabaseModule,
    // ServerCatalog.assertExists: the 404 of an unknown server id.
    ServersModule,
    TypeOrmModule.forFeature([RecordSeries, MinuteRecord, HourlyRecord, DirtyHour]),
  ],
  controllers: [RecordsController, RetentionController],
  providers: [
    LiveState,
    LastRecords,
    MinuteBucketAggregator,
    MinuteBucketWriter,
    RecordsWriteQueue,
    RecordStore,
    SeriesRegistry,
    HourlyRollupService,
    RetentionService,
    RetentionSettingsService,
    HistoryService,
    RecordsService,
    IntervalJobs,
    RecordsJobs,
  ],
  // RecordsWriteQueue and RetentionService: src/docker writes on the same queue and follows the retention.
  exports: [RecordsService, LiveState, LastRecords, SeriesRegistry, RecordsWriteQueue, RetentionService],
})
export class RecordsModule {}
