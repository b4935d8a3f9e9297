import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  type ContainerActionBody,
  containerActionBodySchema,
  containerRefSchema,
  uuidParam,
} from '@hivewatch/protocol';
import { StepUp } from '../../auth/step-up/step-up.decorator.js';
import { Access } from '../../common/auth/access.decorator.js';
import type { ActorContext } from '../../common/auth/actor-context.js';
import { Actor } from '../../common/auth/actor.decorator.js';
import { ContainerActionsService } from './container-actions.service.js';

/** Answers of the agent-relayed Docker routes besides 200 (Swagger). */
function DockerAgentErrors(): MethodDecorator {
  return (target, key, descriptor) => {
    for (const [status, description] of [
      [404, 'unknown server'],
      [
        409,
        "agent offline, or the host's agent may not do it (capability not enabled on the host; seed-001 switch off)",
      ],
      [502, 'the agent answered with an error (its message, e.g. the engine’s) or with invalid data'],
      [504, 'the agent did not answer in time'],
    ] as const) {
      ApiResponse({ status, description })(target, key, descriptor);
    }
  };
}

/** Container actions and inspect (docs/docker.md "Actions, inspect and logs"); admins only. */
@ApiTags('docker')
@Access('admin')
@Controller('servers/:id/containers/:containerId')
export class ContainerActionsController {
  constructor(private readonly containers: ContainerActionsService) {}

  @Post('actions')
  @StepUp()
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Start, stop, restart, remove, pause or unpause a container (admin, step-up; audited; docker-action / seed-001 docker_command)',
  })
  @DockerAgentErrors()
  act(
    @Param('id', { schema: uuidParam }) id: string,
    @Param('containerId', { schema: containerRefSchema }) containerId: string,
    @Body({ schema: containerActionBodySchema }) body: ContainerActionBody,
    @Actor() actor: ActorContext,
  ) {
    return this.containers.act(id, containerId, body.action, actor);
  }

  @Get('inspect')
  @ApiOperation({
    summary:
      "A container's configuration and state, without its environment (admin: mounts, labels and command may be sensitive; docker-inspect)",
  })
  @DockerAgentErrors()
  inspect(
    @Param('id', { schema: uuidParam }) id: string,
    @Param('containerId', { schema: containerRefSchema }) containerId: string,
  ) {
    return this.containers.inspect(id, containerId);
  }
}
