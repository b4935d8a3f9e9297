import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Put,
  Query,
  Res,
  StreamableFile,
  UseGuards,
} from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  streamIdSchema,
  terminalSessionQuerySchema,
  terminalSettingsSchema,
  type TerminalSessionQuery,
  type TerminalSessionView,
  type TerminalSettings,
} from '@hivewatch/protocol';
import { StepUp } from '../../auth/step-up/step-up.decorator.js';
import { Access } from '../../common/auth/access.decorator.js';
import { ClientIp, CurrentPrincipal } from '../../common/auth/current-principal.decorator.js';
import type { Principal } from '../../common/auth/principal.js';
import { ConsoleAdminGuard } from './console-admin.guard.js';
import { TerminalSessionsService } from './terminal-sessions.service.js';
import { TerminalSettingsService } from './terminal-settings.service.js';

/** Administration → Sessions and the terminal settings (admins at the console only). */
@ApiTags('terminal')
@Access('admin')
@UseGuards(ConsoleAdminGuard)
@Controller('terminal')
export class TerminalSessionsController {
  constructor(
    private readonly sessions: TerminalSessionsService,
    private readonly settings: TerminalSettingsService,
  ) {}

  @Get('sessions')
  @ApiOperation({ summary: 'Terminal sessions, live and past, newest first (admin console session)' })
  list(
    @Query({ schema: terminalSessionQuerySchema }) query: TerminalSessionQuery,
  ): Promise<TerminalSessionView[]> {
    return this.sessions.list(query);
  }

  @Delete('sessions/:id')
  @StepUp()
  @HttpCode(204)
  @ApiOperation({ summary: 'End a live terminal session (admin console session, step-up); audited' })
  async end(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: streamIdSchema }) id: string,
    @ClientIp() ip: string | null,
  ): Promise<void> {
    await this.sessions.end(id, { actor: principal, ip });
  }

  @Get('sessions/:id/recording')
  @ApiProduces('application/x-asciicast')
  @ApiOperation({ summary: "A session's asciicast v2 recording (admin console session); audited" })
  async recording(
    @CurrentPrincipal() principal: Principal,
    @Param('id', { schema: streamIdSchema }) id: string,
    @ClientIp() ip: string | null,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const { stream, size } = await this.sessions.recording(id, { actor: principal, ip });
    res.setHeader('Cache-Control', 'no-store');
    return new StreamableFile(stream, {
      type: 'application/x-asciicast',
      disposition: `attachment; filename="${id}.cast"`,
      length: size,
    });
  }

  @Get('settings')
  @ApiOperation({
    summary: 'Terminal settings: global recording switch, session limits (admin console session)',
  })
  getSettings(): Promise<TerminalSettings> {
    return this.settings.get();
  }

  @Put('settings')
  @StepUp()
  @ApiOperation({ summary: 'Change the terminal settings (admin console session, step-up); audited' })
  putSettings(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: terminalSettingsSchema }) body: TerminalSettings,
    @ClientIp() ip: string | null,
  ): Promise<TerminalSettings> {
    return this.settings.update(body, principal, ip);
  }
}
