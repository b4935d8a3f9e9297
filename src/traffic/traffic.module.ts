import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RecordsModule } from '../records/records.module.js';
import { Server } from '../servers/server.entity.js';
import { TrafficController } from './traffic.controller.js';
import { TrafficDaily, TrafficHourly, TrafficSettings, TrafficState } from './traffic.entities.js';
import { IntervalJobs } from '../common/jobs/interval-jobs.js';
import { TrafficJobs } from './traffic.jobs.js';
import { TrafficService } from './traffic.service.js';

/** Hourly/daily traffic per server, billing cycles and current-cycle usage (for quota alerts). */
@Module({
  imports: [
    RecordsModule,
    // Server is read only, for the 404 of an unknown server id.
    TypeOrmModule.forFeature([TrafficHourly, TrafficDaily, TrafficState, TrafficSettings, Server]),
  ],
  controllers: [TrafficController],
  providers: [TrafficService, IntervalJobs, TrafficJobs],
  exports: [TrafficService],
})
export class TrafficModule {}
