import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Access } from '../common/auth/access.decorator.js';
import { ClientIp, CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { actorContext } from '../servers/actor-context.js';
import { ChannelsService } from './channels.service.js';
import {
  createChannelSchema,
  updateChannelSchema,
  type CreateChannelInput,
  type UpdateChannelInput,
} from './dto/channel.dto.js';
import { TestNotificationService } from './test-notification.service.js';
import { uuidParam } from '../common/http/query-schemas.js';

@ApiTags('notifications')
@Controller('notification-channels')
export class ChannelsController {
  constructor(
    private readonly channels: ChannelsService,
    private readonly tests: TestNotificationService,
  ) {}

  // admin only: settings such as webhook URLs often carry credentials of their own
  @Get()
  @Access('admin')
  @ApiOperation({ summary: 'Notification channels; secrets are never returned, only which are set (admin)' })
  list() {
    return this.channels.list();
  }

  @Get(':id')
  @Access('admin')
  @ApiOperation({ summary: 'One notification channel (admin)' })
  get(@Param('id', { schema: uuidParam }) id: string) {
    return this.channels.get(id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a webhook, Telegram, Bark or e-mail channel (admin)' })
  create(
    @Body({ schema: createChannelSchema }) body: CreateChannelInput,
    @CurrentPrincipal() principal: Principal | undefined,
    @ClientIp() ip: string | null,
  ) {
    return this.channels.create(body, actorContext(principal, ip));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a channel; secrets are merged key by key, absent ones kept (admin)' })
  update(
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: updateChannelSchema }) body: UpdateChannelInput,
    @CurrentPrincipal() principal: Principal | undefined,
    @ClientIp() ip: string | null,
  ) {
    return this.channels.update(id, body, actorContext(principal, ip));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a channel (admin)' })
  async remove(
    @Param('id', { schema: uuidParam }) id: string,
    @CurrentPrincipal() principal: Principal | undefined,
    @ClientIp() ip: string | null,
  ): Promise<void> {
    await this.channels.remove(id, actorContext(principal, ip));
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a test notification now, once; the attempt is in the delivery log (admin)' })
  test(
    @Param('id', { schema: uuidParam }) id: string,
    @CurrentPrincipal() principal: Principal | undefined,
    @ClientIp() ip: string | null,
  ) {
    return this.tests.send(id, actorContext(principal, ip));
  }
}
