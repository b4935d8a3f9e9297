import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  statusPageInputSchema,
  uuidParam,
  type StatusPageDetail,
  type StatusPageInput,
  type StatusPageList,
} from '@hivewatch/protocol';
import { Access } from '../../common/auth/access.decorator.js';
import type { ActorContext } from '../../common/auth/actor-context.js';
import { Actor } from '../../common/auth/actor.decorator.js';
import { StatusPagesService } from './status-pages.service.js';

/** `/api/v1/status-pages`: admins compose public status pages (docs/status-pages.md). */
@ApiTags('status-pages')
@Controller('status-pages')
@Access('admin')
export class StatusPagesController {
  constructor(private readonly pages: StatusPagesService) {}

  @Get()
  @ApiOperation({ summary: 'Status pages (admin)' })
  async list(): Promise<StatusPageList> {
    return { items: await this.pages.list() };
  }

  @Post()
  @ApiOperation({
    summary: 'Create a status page with its groups and components; 409 when the slug is taken',
  })
  create(
    @Body({ schema: statusPageInputSchema }) body: StatusPageInput,
    @Actor() actor: ActorContext,
  ): Promise<StatusPageDetail> {
    return this.pages.create(body, actor);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A status page with its groups and components (admin)' })
  get(@Param('id', { schema: uuidParam }) id: string): Promise<StatusPageDetail> {
    return this.pages.get(id);
  }

  @Put(':id')
  @ApiOperation({ summary: 'Replace a status page, its groups and components' })
  replace(
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: statusPageInputSchema }) body: StatusPageInput,
    @Actor() actor: ActorContext,
  ): Promise<StatusPageDetail> {
    return this.pages.replace(id, body, actor);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a status page with its incidents and maintenance windows' })
  async remove(@Param('id', { schema: uuidParam }) id: string, @Actor() actor: ActorContext): Promise<void> {
    await this.pages.remove(id, actor);
  }
}
