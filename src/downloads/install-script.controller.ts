import path from 'node:path';
import { Controller, Get, Header, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { INSTALL_SCRIPT_PATH } from '@hivewatch/protocol';
import { Access } from '../common/auth/access.decorator.js';
import { repositoryRoot } from '../console/console-static.js';
import { AppConfig } from '../config/app-config.js';
import { hubPublicUrl } from '../config/public-url.js';
import { InstallScript } from './install-script.js';

/**
 * `GET /install-agent.sh` (outside `/api`: the stable address admins type), public like the agent
 * downloads it fetches. It names this hub by its public URL (HIVEWATCH_PUBLIC_URL, else the
 * request's Host) and holds no secret: the credentials come from the installer's environment.
 */
@ApiTags('agent')
@Controller()
export class InstallScriptController {
  private readonly template = new InstallScript(path.join(repositoryRoot(), 'agent', 'packaging'));

  constructor(private readonly config: AppConfig) {}

  @Get(INSTALL_SCRIPT_PATH.slice(1))
  @Access('public')
  @Header('Content-Type', 'text/x-shellscript; charset=utf-8')
  @Header('Cache-Control', 'no-cache')
  @ApiOperation({ summary: 'POSIX sh script that installs, configures and starts the agent on a Linux host' })
  @ApiProduces('text/x-shellscript')
  @ApiOkResponse({ schema: { type: 'string' } })
  async script(@Req() req: Request): Promise<string> {
    return this.template.render(hubPublicUrl(this.config.publicUrl, req));
  }
}
