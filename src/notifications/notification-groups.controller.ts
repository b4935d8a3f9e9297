import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientIp, CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { actorContext } from '../servers/actor-context.js';
import {
  createNotificationGroupSchema,
  updateNotificationGroupSchema,
  type CreateNotificationGroupInput,
  type UpdateNotificationGroupInput,
} from './dto/group.dto.js';
import { NotificationGroupsService } from './notification-groups.service.js';
import { uuidParam } from '../common/http/query-schemas.js';

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
    @CurrentPrincipal() principal: Principal | undefined,
    @ClientIp() ip: string | null,
  ) {
    return this.groups.create(body, actorContext(principal, ip));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a notification group (admin)' })
  update(
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: updateNotificationGroupSchema }) body: UpdateNotificationGroupInput,
    @CurrentPrincipal() principal: Principal | undefined,
    @ClientIp() ip: string | null,
  ) {
    return this.groups.update(id, body, actorContext(principal, ip));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a notification group (admin)' })
  async remove(
    @Param('id', { schema: uuidParam }) id: string,
    @CurrentPrincipal() principal: Principal | undefined,
    @ClientIp() ip: string | null,
  ): Promise<void> {
    await this.groups.remove(id, actorContext(principal, ip));
  }
}
