import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DockerModule } from '../docker/docker.module.js';
import { NotificationsModule } from '../notifications/notifications.module.js';
import { RecordsModule } from '../records/records.module.js';
import { ServersModule } from '../servers/servers.module.js';
import { TrafficModule } from '../traffic/traffic.module.js';
import { AlertAcksService } from './alert-acks.service.js';
import { AlertRule } from './alert-rule.entity.js';
import { AlertRulesController } from './alert-rules.controller.js';
import { AlertRulesService } from './alert-rules.service.js';
import { AlertServers } from './alert-servers.js';
import { AlertState } from './alert-state.entity.js';
import { AlertStore } from './alert-store.js';
import { AlertsController } from './alerts.controller.js';
import { IntervalJobs } from '../common/jobs/interval-jobs.js';
import { AlertsJobs } from './alerts.jobs.js';
import { AlertsService } from './alerts.service.js';

/** Alert rules, the evaluator over the in-memory window, alert states and their history. */
@Module({
  imports: [
    RecordsModule,
    TrafficModule,
    NotificationsModule,
    // ServerCatalog: the evaluator's server list and presence, in memory.
    ServersModule,
    // DockerLiveState: the containers and recent container events of container conditions.
    DockerModule,
    TypeOrmModule.forFeature([AlertRule, AlertState]),
  ],
  controllers: [AlertRulesController, AlertsController],
  providers: [
    AlertAcksService,
    AlertRulesService,
    AlertServers,
    AlertStore,
    AlertsService,
    IntervalJobs,
    AlertsJobs,
  ],
  exports: [AlertsService],
})
export class AlertsModule {}
