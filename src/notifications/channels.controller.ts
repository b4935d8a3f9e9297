import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { createChannelSchema, updateChannelSchema, uuidParam } from '@hivewatch/protocol';
import { Access } from '../common/auth/access.decorator.js';
import type { ActorContext } from '../common/auth/actor-context.js';
import { Actor } from '../common/auth/actor.decorator.js';
import { CrudRoutes } from '../common/http/crud-routes.js';
import { bodyField, StepUp } from '../auth/step-up/step-up.decorator.js';
import { ChannelsService } from './channels.service.js';
import { TestNotificationService } from './test-notification.service.js';

@ApiTags('notifications')
@Controller('notification-channels')
export class ChannelsController extends CrudRoutes({
  service: ChannelsService,
  createSchema: createChannelSchema,
  updateSchema: updateChannelSchema,
  // admin only: settings such as webhook URLs often carry credentials of their own
  listAccess: 'admin',
  summaries: {
    list: 'Notification channels; secrets are never returned, only which are set (admin)',
    create: 'Create a channel (admin; step-up when it carries secrets)',
    update:
      'Change a channel; secrets are merged key by key, absent ones kept (admin; step-up to set secrets)',
    remove: 'Delete a channel (admin)',
  },
  // a channel's secrets (bot tokens, passwords, header values) are credentials: setting one is step-up
  decorators: {
    create: [StepUp({ when: (req) => carriesSecret(bodyField(req, 'secrets')) })],
    update: [StepUp({ when: (req) => carriesSecret(bodyField(req, 'secrets')) })],
  },
}) {
  constructor(
    private readonly channels: ChannelsService,
    private readonly tests: TestNotificationService,
  ) {
    super(channels);
  }

  @Get(':id')
  @Access('admin')
  @ApiOperation({ summary: 'One notification channel (admin)' })
  get(@Param('id', { schema: uuidParam }) id: string) {
    return this.channels.get(id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a test notification now, once; the attempt is in the delivery log (admin)' })
  test(@Param('id', { schema: uuidParam }) id: string, @Actor() actor: ActorContext) {
    return this.tests.send(id, actor);
  }
}

/** Whether a raw `secrets` body field sets any value (an empty string or object sets none). */
function carriesSecret(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (typeof value !== 'object') return true;
  return Object.values(value).some(carriesSecret);
}
