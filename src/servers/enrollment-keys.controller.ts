import { Body, Controller, Get, Header, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createEnrollmentKeySchema,
  updateEnrollmentKeySchema,
  type CreateEnrollmentKeyInput,
  type UpdateEnrollmentKeyInput,
  uuidParam,
} from '@hivewatch/protocol';
import { Access } from '../common/auth/access.decorator.js';
import type { ActorContext } from '../common/auth/actor-context.js';
import { Actor } from '../common/auth/actor.decorator.js';
import { EnrollmentKeysService } from './enrollment-keys.service.js';

/**
 * Admin-only, reads included: enrollment keys belong to fleet administration. Keys are revoked
 * (POST /:id/revoke), never deleted: enrolled servers and the audit trail refer to them.
 */
@ApiTags('enrollment-keys')
@Access('admin')
@Controller('enrollment-keys')
export class EnrollmentKeysController {
  constructor(private readonly keys: EnrollmentKeysService) {}

  @Get()
  @ApiOperation({ summary: 'Enrollment keys, newest first: prefix and status, never the key (admin)' })
  list() {
    return this.keys.list();
  }

  @Get(':id')
  @ApiOperation({ summary: 'One enrollment key (admin)' })
  get(@Param('id', { schema: uuidParam }) id: string) {
    return this.keys.get(id);
  }

  @Post()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({ summary: 'Create an enrollment key; the key is answered once (admin)' })
  create(
    @Body({ schema: createEnrollmentKeySchema }) body: CreateEnrollmentKeyInput,
    @Actor() actor: ActorContext,
  ) {
    return this.keys.create(body, actor);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change name, expiry, max uses, group or tags (admin)' })
  update(
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: updateEnrollmentKeySchema }) body: UpdateEnrollmentKeyInput,
    @Actor() actor: ActorContext,
  ) {
    return this.keys.update(id, body, actor);
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an enrollment key: no machine can enroll with it any more (admin)' })
  revoke(@Param('id', { schema: uuidParam }) id: string, @Actor() actor: ActorContext) {
    return this.keys.revoke(id, actor);
  }
}
