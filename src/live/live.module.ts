import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { DockerModule } from '../docker/docker.module.js';
import { RecordsModule } from '../records/records.module.js';
import { ServersModule } from '../servers/servers.module.js';
import { ApiStreamGateway } from './api-stream.gateway.js';
import { ApiStreamsService } from './api-streams.service.js';
import { BrowserHub } from './browser-hub.service.js';
import { BrowserStreamGateway } from './browser-stream.gateway.js';
import { Heartbeat } from './heartbeat.js';
import { LastFigures } from './last-figures.js';
import { IntervalJobs } from '../common/jobs/interval-jobs.js';
import { LiveAlerts } from './live-alerts.js';
import { LiveDocker } from './live-docker.js';
import { LiveJobs } from './live.jobs.js';
import { ServerDirectory } from './server-directory.js';

/**
 * The WebSocket streams browsers and API clients watch: `/api/v1/ws` (console) and seed 001's
 * `/api/v1/ws/metrics/{id}` and `/api/v1/ws/logs/{id}`. Reads LiveState and hub events (alert
 * frames come from `alert.changed`, see LiveAlerts); never
 * writes anything and never touches the database per sample or per tick.
 */
@Module({
  imports: [AuthModule, ServersModule, RecordsModule, DockerModule],
  providers: [
    ServerDirectory,
    LastFigures,
    Heartbeat,
    BrowserHub,
    ApiStreamsService,
    BrowserStreamGateway,
    ApiStreamGateway,
    LiveAlerts,
    LiveDocker,
    IntervalJobs,
    LiveJobs,
  ],
  exports: [BrowserHub, ApiStreamsService],
})
export class LiveModule {}
