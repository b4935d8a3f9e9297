import { Module } from '@nestjs/common';
import { IntervalJobs } from '../common/jobs/interval-jobs.js';
import { RecordsModule } from '../records/records.module.js';
import { ServersModule } from '../servers/servers.module.js';
import { ContainerHistoryService } from './api/container-history.js';
import { ContainerViews } from './api/container-views.js';
import { DockerDataController } from './api/docker-data.controller.js';
import { DockerEventsService } from './api/docker-events.service.js';
import { DockerLiveState } from './docker-live.service.js';
import { DockerJobs } from './docker.jobs.js';
import { ContainerRegistry } from './ingest/container-registry.js';
import { DockerIngest } from './ingest/docker-ingest.service.js';
import { DockerFrames } from './live/docker-frames.js';
import { DockerRetention } from './store/docker-retention.js';
import { DockerStore } from './store/docker-store.js';
import { DockerWriter } from './store/docker-writer.service.js';
import { EventRetention } from './store/event-retention.js';
import { HourRollup } from './store/hour-rollup.js';

/**
 * Docker data on the hub: the live state of each server's engine (DockerLiveState), container
 * rows, per-minute and hourly figures, lifecycle events, their REST routes and the console's
 * Docker frames (DockerFrames, relayed by src/live). Actions and logs live in ./actions and ./logs.
 */
@Module({
  // RecordsModule: the write queue and the retention; ServersModule: the server catalog.
  imports: [RecordsModule, ServersModule],
  controllers: [DockerDataController],
  providers: [
    DockerLiveState,
    DockerFrames,
    ContainerRegistry,
    DockerStore,
    HourRollup,
    DockerWriter,
    DockerIngest,
    DockerRetention,
    EventRetention,
    ContainerViews,
    ContainerHistoryService,
    DockerEventsService,
    IntervalJobs,
    DockerJobs,
  ],
  exports: [DockerLiveState, DockerFrames],
})
export class DockerModule {}
