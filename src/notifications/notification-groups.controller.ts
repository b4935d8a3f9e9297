import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createNotificationGroupSchema,
  updateNotificationGroupSchema,
  type CreateNotificationGroupInput,
  type UpdateNotificationGroupInput,
  uuidParam,
} from '@hivewatch/protocol';
import type { ActorContext } from '../common/auth/actor-context.js';
import { Actor } from '../common/auth/actor.decorator.js';
import { NotificationGroupsService } from './notification-groups.service.js';

@ApiTags('notifications')
@Controller('notification-groups')
export class NotificationGroupsController {
  constructor(private readonly groups: NotificationGroupsService) {}

  @Get()
  @ApiOperation({ summary: 'Notification groups' })
  list() {
    return this.groups.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create a notification group (admin)' })
  create(
    @Body({ schema: createNotificationGroupSchema }) body: CreateNotificationGroupInput,
    @Actor() actor: ActorContext,
  ) {
    return this.groups.create(body, actor);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a notification group (admin)' })
  update(
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: updateNotificationGroupSchema }) body: UpdateNotificationGroupInput,
    @Actor() actor: ActorContext,
  ) {
    return this.groups.update(id, body, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a notification group (admin)' })
  async remove(@Param('id', { schema: uuidParam }) id: string, @Actor() actor: ActorContext): Promise<void> {
    await this.groups.remove(id, actor);
  }
}
