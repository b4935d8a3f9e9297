import { Body, Controller, Get, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import {
  agentConfigRequestSchema,
  type AgentConfigRequest,
  serviceNameSchema,
  pidParam,
  uuidParam,
} from '@hivewatch/protocol';
import type { ActorContext } from '../common/auth/actor-context.js';
import { Actor } from '../common/auth/actor.decorator.js';
import { HostsService } from './hosts.service.js';
import { StepUp } from '../auth/step-up/step-up.decorator.js';

/** Answers of the agent-relayed routes besides 200 (Swagger). */
function AgentErrors(): MethodDecorator {
  return (target, key, descriptor) => {
    for (const [status, description] of [
      [404, 'unknown server'],
      [409, 'agent offline, or the action is not supported by its dialect or capabilities'],
      [502, 'the agent answered with an error (its message) or with data that does not fit the protocol'],
      [504, 'the agent did not answer in time'],
    ] as const) {
      ApiResponse({ status, description })(target, key, descriptor);
    }
  };
}

/** Requests relayed to a server's agent (protocol.md §1.1 requests); thin: the service does the work. */
@ApiTags('hosts')
@Controller('servers/:id')
export class HostsController {
  constructor(private readonly hosts: HostsService) {}

  @Get('info')
  @ApiOperation({ summary: "The host's system facts, asked from its agent now (get-server-info)" })
  @AgentErrors()
  info(@Param('id', { schema: uuidParam }) id: string) {
    return this.hosts.info(id);
  }

  @Get('services')
  @ApiOperation({ summary: 'systemd services of the host with their states (get-services)' })
  @AgentErrors()
  services(@Param('id', { schema: uuidParam }) id: string) {
    return this.hosts.services(id);
  }

  @Get('services/:name')
  @ApiOperation({
    summary: 'One service: main PID, CPU, memory, start/exit time, restart policy (get-service)',
  })
  @AgentErrors()
  service(
    @Param('id', { schema: uuidParam }) id: string,
    @Param('name', { schema: serviceNameSchema }) name: string,
  ) {
    return this.hosts.service(id, name);
  }

  @Get('services/:name/logs')
  @ApiOperation({ summary: "A service's recent journal lines, at most 1000 (get-service-log)" })
  @AgentErrors()
  serviceLog(
    @Param('id', { schema: uuidParam }) id: string,
    @Param('name', { schema: serviceNameSchema }) name: string,
  ) {
    return this.hosts.serviceLog(id, name);
  }

  @Post('services/:name/restart')
  @StepUp()
  @HttpCode(200)
  @ApiOperation({ summary: 'Restart a service (admin, step-up; audited; restart-service)' })
  @AgentErrors()
  restart(
    @Param('id', { schema: uuidParam }) id: string,
    @Param('name', { schema: serviceNameSchema }) name: string,
    @Actor() actor: ActorContext,
  ) {
    return this.hosts.restartService(id, name, actor);
  }

  @Get('processes')
  @ApiOperation({ summary: 'Processes of the host (get-processes)' })
  @AgentErrors()
  processes(@Param('id', { schema: uuidParam }) id: string) {
    return this.hosts.processes(id);
  }

  @Get('processes/:pid')
  @ApiOperation({ summary: 'One process with cmdline, nice, threads and uptime (get-process)' })
  @AgentErrors()
  process(@Param('id', { schema: uuidParam }) id: string, @Param('pid', { schema: pidParam }) pid: number) {
    return this.hosts.process(id, pid);
  }

  @Put('agent-config')
  @ApiOperation({
    summary: "Change the agent's metrics interval (0..3600 s) and service watchlist (admin; audited)",
  })
  @AgentErrors()
  updateAgentConfig(
    @Param('id', { schema: uuidParam }) id: string,
    @Body({ schema: agentConfigRequestSchema }) body: AgentConfigRequest,
    @Actor() actor: ActorContext,
  ) {
    return this.hosts.updateAgentConfig(id, body, actor);
  }
}
