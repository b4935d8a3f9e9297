import { Controller, Get, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiNotFoundResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CLI_FILE_NAME, CLI_SHA256_HEADER, cliChecksumLine } from '@hivewatch/protocol';
import { CliBundleService } from './cli-bundle.service.js';
import { sendChecksum, sendDownload } from './send-download.js';

const NOT_BUILT = { description: 'the hub was started without building the command line' };

/**
 * The `hivewatch` command line for pipelines (docs/api.md "Command line (CI)"): any signed-in
 * caller, a read-only API key included, may download it; the ETag (its SHA-256) lets a pipeline's
 * cache revalidate it with a 304.
 */
@ApiTags('cli')
@Controller('cli')
export class CliController {
  constructor(private readonly bundle: CliBundleService) {}

  @Get('download')
  @ApiOperation({ summary: `The \`hivewatch\` command line as one file (${CLI_FILE_NAME}, Node.js ≥ 20)` })
  @ApiProduces('application/javascript')
  @ApiOkResponse({
    schema: { type: 'string', format: 'binary' },
    headers: {
      [CLI_SHA256_HEADER]: { description: 'SHA-256 of the file, lower-case hex', schema: { type: 'string' } },
    },
  })
  @ApiNotFoundResponse(NOT_BUILT)
  async download(@Res() res: Response): Promise<void> {
    const file = { name: CLI_FILE_NAME, type: 'application/javascript', cache: 'private' } as const;
    sendDownload(res, await this.bundle.content(), file);
  }

  @Get('download.sha256')
  @ApiOperation({ summary: 'SHA-256 of the command line, as a line `sha256sum --check` reads' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string', example: cliChecksumLine('0'.repeat(64)) } })
  @ApiNotFoundResponse(NOT_BUILT)
  async checksum(@Res() res: Response): Promise<void> {
    sendChecksum(res, await this.bundle.content(), { name: CLI_FILE_NAME, cache: 'private' });
  }
}
