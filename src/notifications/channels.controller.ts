import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createChannelSchema,
  updateChannelSchema,
  type CreateChannelInput,
  type UpdateChannelInput,
  uuidParam,
} from '@hivewatch/protocol';
import { Access } from '../common/auth/access.decorator.js';
import type { ActorContext } from '../common/auth/actor-context.js';
import { Actor } from '../common/auth/actor.decorator.js';
import { ChannelsService } from './channels.service.js';
import { TestNotificationService } from './test-notification.service.js';

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
  create(@Body({ schema: createChannelSchema }) body: CreateChannelInput, @Actor() actor: ActorContext) {
    return this.channels.create(body, actor);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a channel; secrets are merged key by key, absent ones kept (admin)' })
  update(
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: updateChannelSchema }) body: UpdateChannelInput,
    @Actor() actor: ActorContext,
  ) {
    return this.channels.update(id, body, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a channel (admin)' })
  async remove(@Param('id', { schema: uuidParam }) id: string, @Actor() actor: ActorContext): Promise<void> {
    await this.channels.remove(id, actor);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a test notification now, once; the attempt is in the delivery log (admin)' })
  test(@Param('id', { schema: uuidParam }) id: string, @Actor() actor: ActorContext) {
    return this.tests.send(id, actor);
  }
}
