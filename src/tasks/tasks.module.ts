import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { CommandRun } from '../commands/command-run.entity.js';
import { CommandsModule } from '../commands/commands.module.js';
import { User } from '../users/user.entity.js';
import { ScheduledTask } from './scheduled-task.entity.js';
import { TaskLease } from './task-lease.js';
import { TaskScheduler } from './task-scheduler.js';
import { TasksController } from './tasks.controller.js';
import { TasksService } from './tasks.service.js';

/** Scheduled tasks (docs/tasks.md): CRUD, preview, and the scheduler that fires them as command runs. */
@Module({
  imports: [AuditModule, CommandsModule, TypeOrmModule.forFeature([ScheduledTask, User, CommandRun])],
  controllers: [TasksController],
  providers: [TasksService, TaskScheduler, TaskLease],
})
export class TasksModule {}
