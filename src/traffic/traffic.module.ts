import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RecordsModule } from '../records/records.module.js';
import { ServersModule } from '../servers/servers.module.js';
import { TrafficController } from './traffic.controller.js';
import { TrafficDaily, TrafficHourly, TrafficSettings, TrafficState } from './traffic.entities.js';
import { IntervalJobs } from '../common/jobs/interval-jobs.js';
import { TrafficJobs } from './traffic.jobs.js';
import { TrafficMeterService } from './traffic-meter.service.js';
import { TrafficQueryService } from './traffic-query.service.js';
import { TrafficSettingsService } from './traffic-settings.service.js';
import { TrafficWriter } from './traffic.writer.js';

/** Hourly/daily traffic per server, billing cycles and current-cycle usage (for quota alerts). */
@Module({
  imports: [
    RecordsModule,
    // ServerCatalog.assertExists: the 404 of an unknown server id.
    ServersModule,
    TypeOrmModule.forFeature([TrafficHourly, TrafficDaily, TrafficState, TrafficSettings]),
  ],
  controllers: [TrafficController],
  providers: [
    TrafficMeterService,
    TrafficWriter,
    TrafficQueryService,
    TrafficSettingsService,
    IntervalJobs,
    TrafficJobs,
  ],
  exports: [TrafficQueryService],
})
export class TrafficModule {}
