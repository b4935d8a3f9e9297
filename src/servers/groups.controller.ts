import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createGroupSchema,
  updateGroupSchema,
  type CreateGroupInput,
  type UpdateGroupInput,
  uuidParam,
} from '@hivewatch/protocol';
import type { ActorContext } from '../common/auth/actor-context.js';
import { Actor } from '../common/auth/actor.decorator.js';
import { GroupsService } from './groups.service.js';

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
  create(@Body({ schema: createGroupSchema }) body: CreateGroupInput, @Actor() actor: ActorContext) {
    return this.groups.create(body, actor);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Rename or reorder a group; 409 when the name is taken (admin)' })
  update(
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: updateGroupSchema }) body: UpdateGroupInput,
    @Actor() actor: ActorContext,
  ) {
    return this.groups.update(id, body, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a group; its servers stay, ungrouped (admin)' })
  async remove(@Param('id', { schema: uuidParam }) id: string, @Actor() actor: ActorContext): Promise<void> {
    await this.groups.remove(id, actor);
  }
}
