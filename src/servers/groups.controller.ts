import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { ClientIp, CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { actorContext } from './actor-context.js';
import {
  createGroupSchema,
  updateGroupSchema,
  type CreateGroupInput,
  type UpdateGroupInput,
} from './dto/group.dto.js';
import { GroupsService } from './groups.service.js';
import { uuidParam } from '../common/http/query-schemas.js';

@ApiTags('groups')
@Controller('groups')
export class GroupsController {
  constructor(private readonly groups: GroupsService) {}

  @Get()
  @ApiOperation({ summary: 'Server groups with their server counts' })
  list() {
    return this.groups.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create a group; 409 when the name is taken (admin)' })
  create(
    @Body({ schema: createGroupSchema }) body: CreateGroupInput,
    @CurrentPrincipal() principal: Principal | undefined,
    @ClientIp() ip: string | null,
  ) {
    return this.groups.create(body, actorContext(principal, ip));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename or reorder a group; 409 when the name is taken (admin)' })
  update(
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: updateGroupSchema }) body: UpdateGroupInput,
    @CurrentPrincipal() principal: Principal | undefined,
    @ClientIp() ip: string | null,
  ) {
    return this.groups.update(id, body, actorContext(principal, ip));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a group; its servers stay, ungrouped (admin)' })
  async remove(
    @Param('id', { schema: uuidParam }) id: string,
    @CurrentPrincipal() principal: Principal | undefined,
    @ClientIp() ip: string | null,
  ): Promise<void> {
    await this.groups.remove(id, actorContext(principal, ip));
  }
}
