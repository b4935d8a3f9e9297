import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ServersModule } from '../../servers/servers.module.js';
import { TerminalSession } from '../terminal-session.entity.js';
import { HubIdentity } from './hub-identity.js';
import { RecordingFiles } from './recording-files.js';
import { TerminalSessionLog } from './terminal-session-log.service.js';
import { TerminalSessionRetention } from './terminal-session-retention.js';
import { TerminalSettingsService } from './terminal-settings.service.js';

/**
 * The record of terminal sessions: rows, audit, recordings, retention and the terminal settings.
 * Its REST side (TerminalSessionsController, TerminalSessionsService) is declared by TerminalModule,
 * which also holds the relay that binds LiveTerminalSessions (ending a live session needs both).
 */
@Module({
  imports: [TypeOrmModule.forFeature([TerminalSession]), ServersModule],
  providers: [
    TerminalSessionLog,
    TerminalSettingsService,
    TerminalSessionRetention,
    RecordingFiles,
    HubIdentity,
  ],
  exports: [
    TypeOrmModule,
    TerminalSessionLog,
    TerminalSettingsService,
    TerminalSessionRetention,
    RecordingFiles,
    HubIdentity,
  ],
})
export class TerminalSessionsModule {}
