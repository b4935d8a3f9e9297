import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import {
  createUserSchema,
  updateUserSchema,
  type CreateUserInput,
  type UpdateUserInput,
} from '@hivewatch/protocol';
import { Access } from '../common/auth/access.decorator.js';
import { ClientIp, CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { bodyField, StepUp } from '../auth/step-up/step-up.decorator.js';
import { UsersService } from './users.service.js';

@ApiTags('users')
@Access('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOperation({ summary: 'List local users (admin)' })
  list() {
    return this.users.list();
  }

  @Post()
  @ApiOperation({ summary: 'Create a user (admin)' })
  create(
    @CurrentPrincipal() actor: Principal,
    @Body({ schema: createUserSchema }) body: CreateUserInput,
    @ClientIp() ip: string | null,
  ) {
    return this.users.create(actor, body, ip);
  }

  @Patch(':id')
  @StepUp({ when: (req) => bodyField(req, 'role') !== undefined })
  @ApiOperation({
    summary: "Change a user's role (step-up), disabled flag or password (admin); the last active admin stays",
  })
  update(
    @CurrentPrincipal() actor: Principal,
    @Param('id', { schema: z.uuid() }) id: string,
    @Body({ schema: updateUserSchema }) body: UpdateUserInput,
    @ClientIp() ip: string | null,
  ) {
    return this.users.update(actor, id, body, ip);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Delete a user with their sessions and API keys (admin); the last active admin stays',
  })
  async remove(
    @CurrentPrincipal() actor: Principal,
    @Param('id', { schema: z.uuid() }) id: string,
    @ClientIp() ip: string | null,
  ): Promise<void> {
    await this.users.remove(actor, id, ip);
  }
}
