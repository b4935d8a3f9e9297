import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  AGENT_PLATFORMS,
  type AgentInstallInfo,
  CLI_SHA256_HEADER,
  type AgentDownload,
  agentDownloadSchema,
  agentFileName,
} from '@hivewatch/protocol';
import { Access } from '../common/auth/access.decorator.js';
import { AppConfig } from '../config/app-config.js';
import { hubPublicUrl } from '../config/public-url.js';
import { AgentDownloadsService } from './agent-downloads.service.js';
import { sendChecksum, sendDownload } from './send-download.js';

/**
 * The agent for each platform, as one executable or a Debian package, and their SHA-256. Public
 * (docs/security.md "Agent downloads"): install-agent.sh runs on a host that holds only an
 * enrollment key, and the files hold no secret.
 */
@ApiTags('agent')
@Controller('agent')
export class AgentDownloadController {
  constructor(
    private readonly downloads: AgentDownloadsService,
    private readonly config: AppConfig,
  ) {}

  @Get('install-info')
  @ApiOperation({ summary: "The hub's address as hosts reach it, and the platforms it serves the agent for" })
  installInfo(@Req() req: Request): AgentInstallInfo {
    return { hubUrl: hubPublicUrl(this.config.publicUrl, req), platforms: [...AGENT_PLATFORMS] };
  }

  @Get('download/:file')
  @Access('public')
  @ApiOperation({
    summary:
      'The agent for a platform: `{platform}` (executable), `{platform}.deb`, and either with `.sha256` ' +
      '(a `sha256sum` line)',
  })
  @ApiParam({
    name: 'file',
    example: 'linux-x64',
    description: `platform (${AGENT_PLATFORMS.join(', ')}), optionally followed by .deb and/or .sha256`,
  })
  @ApiProduces('application/octet-stream', 'application/vnd.debian.binary-package', 'text/plain')
  @ApiOkResponse({
    schema: { type: 'string', format: 'binary' },
    headers: {
      [CLI_SHA256_HEADER]: { description: 'SHA-256 of the file, lower-case hex', schema: { type: 'string' } },
    },
  })
  @ApiBadRequestResponse({ description: 'unknown platform; the answer lists the known ones' })
  @ApiNotFoundResponse({ description: 'not built on this hub; the answer names the build command' })
  async download(
    @Param('file', { schema: agentDownloadSchema }) download: AgentDownload,
    @Res() res: Response,
  ): Promise<void> {
    const content = await this.downloads.content(download);
    const name = agentFileName(download.platform, download.kind);
    if (download.checksum) return sendChecksum(res, content, { name, cache: 'public' });
    const type =
      download.kind === 'deb' ? 'application/vnd.debian.binary-package' : 'application/octet-stream';
    sendDownload(res, content, { name, type, cache: 'public' });
  }
}
