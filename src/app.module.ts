import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { StandardSchemaValidationPipe } from '@nestjs/common';
import { ScheduleModule } from '@nestjs/schedule';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { SsoModule } from './auth/sso/sso.module.js';
import { DownloadsModule } from './downloads/downloads.module.js';
import { TextInputPipe } from './common/http/text-input.pipe.js';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter.js';
import { LoggerModule } from './common/logging/logger.module.js';
import type { AppConfig } from './config/app-config.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { HealthModule } from './health/health.module.js';
import { WsModule } from './common/ws/ws.module.js';
import { HubEventsModule } from './common/events/hub-events.js';
import { LiveModule } from './live/live.module.js';
import { RecordsModule } from './records/records.module.js';
import { ServersModule } from './servers/servers.module.js';
import { AgentsModule } from './agents/agents.module.js';
import { HostsModule } from './hosts/hosts.module.js';
import { TerminalModule } from './terminal/terminal.module.js';
import { AlertsModule } from './alerts/alerts.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { TrafficModule } from './traffic/traffic.module.js';
import { CommandsModule } from './commands/commands.module.js';
import { TasksModule } from './tasks/tasks.module.js';
import { DockerModule } from './docker/docker.module.js';
import { DockerControlModule } from './docker/docker-control.module.js';
import { StatusModule } from './status/status.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule,
        DatabaseModule,
        WsModule,
        HubEventsModule,
        ScheduleModule.forRoot(),
        AuditModule,
        AuthModule,
        SsoModule,
        HealthModule,
        ServersModule,
        RecordsModule,
        AgentsModule,
        HostsModule,
        TerminalModule,
        LiveModule,
        TrafficModule,
        NotificationsModule,
        AlertsModule,
        DownloadsModule,
        CommandsModule,
        TasksModule,
        DockerModule,
        DockerControlModule,
        StatusModule,
      ],
      providers: [
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_PIPE, useClass: TextInputPipe },
        { provide: APP_PIPE, useValue: new StandardSchemaValidationPipe() },
      ],
    };
  }
}
