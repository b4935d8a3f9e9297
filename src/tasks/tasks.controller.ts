import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createTaskSchema,
  taskPreviewRequestSchema,
  updateTaskSchema,
  uuidParam,
  type CreateTask,
  type UpdateTask,
} from '@hivewatch/protocol';
import type { z } from 'zod';
import { StepUp } from '../auth/step-up/step-up.decorator.js';
import { Access } from '../common/auth/access.decorator.js';
import { ClientIp, CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { TasksService } from './tasks.service.js';

@ApiTags('tasks')
@Access('admin')
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get()
  @ApiOperation({ summary: 'Scheduled tasks (admin)' })
  list() {
    return this.tasks.list();
  }

  @Post('preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'The next times a cron expression fires in a time zone (admin); 400 with the reason',
  })
  preview(@Body({ schema: taskPreviewRequestSchema }) body: z.output<typeof taskPreviewRequestSchema>) {
    return this.tasks.preview(body.cron, body.timeZone, body.count);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A scheduled task (admin)' })
  get(@Param('id', { schema: uuidParam }) id: string) {
    return this.tasks.get(id);
  }

  @Post()
  @StepUp()
  @ApiOperation({ summary: "Create a scheduled task; it runs with the creator's rights (admin, step-up)" })
  create(
    @CurrentPrincipal() actor: Principal,
    @Body({ schema: createTaskSchema }) body: CreateTask,
    @ClientIp() ip: string | null,
  ) {
    return this.tasks.create(actor, body, ip);
  }

  @Patch(':id')
  @StepUp()
  @ApiOperation({ summary: 'Change a scheduled task (admin, step-up)' })
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: updateTaskSchema }) body: UpdateTask,
    @ClientIp() ip: string | null,
  ) {
    return this.tasks.update(actor, id, body, ip);
  }

  @Delete(':id')
  @StepUp()
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a scheduled task; its runs stay (admin, step-up)' })
  async remove(
    @CurrentPrincipal() actor: Principal,
    @Param('id', { schema: uuidParam }) id: string,
    @ClientIp() ip: string | null,
  ): Promise<void> {
    await this.tasks.remove(actor, id, ip);
  }

  @Post(':id/run')
  @StepUp()
  @ApiOperation({ summary: 'Fire a task once now, outside its schedule (admin, step-up)' })
  run(
    @CurrentPrincipal() actor: Principal,
    @Param('id', { schema: uuidParam }) id: string,
    @ClientIp() ip: string | null,
  ) {
    return this.tasks.runNow(actor, id, ip);
  }
}
