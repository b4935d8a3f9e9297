import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from '../alerts/alerts.module.js';
import { ServersModule } from '../servers/servers.module.js';
import { IncidentsController } from './admin/incidents.controller.js';
import { IncidentsService } from './admin/incidents.service.js';
import { MaintenanceService } from './admin/maintenance.service.js';
import { PageParts } from './admin/page-parts.js';
import { StatusPagesController } from './admin/status-pages.controller.js';
import { StatusPagesService } from './admin/status-pages.service.js';
import { STATUS_ENTITIES } from './entities/index.js';
import { MaintenanceModule } from './maintenance/maintenance.module.js';
import { PublicStatusService } from './public/public-status.service.js';
import { StatusHtmlController, StatusJsonController } from './public/public-status.controller.js';
import { StatusData } from './public/status-data.js';
import { StatusRateLimiter } from './public/status-rate-limiter.js';
import { StatusCache } from './status-cache.js';
import { OutageRecorder } from './uptime/outage-recorder.js';

/** Public status pages: admin composition, incidents, maintenance windows, uptime and the public routes. */
@Module({
  imports: [
    TypeOrmModule.forFeature(STATUS_ENTITIES),
    MaintenanceModule,
    // ServerCatalog: names, addresses and presence, in memory.
    ServersModule,
    // AlertsService: a critical alert firing makes a component degraded.
    AlertsModule,
  ],
  controllers: [StatusPagesController, IncidentsController, StatusHtmlController, StatusJsonController],
  providers: [
    StatusPagesService,
    IncidentsService,
    MaintenanceService,
    PageParts,
    StatusCache,
    StatusData,
    PublicStatusService,
    StatusRateLimiter,
    OutageRecorder,
  ],
})
export class StatusModule {}
