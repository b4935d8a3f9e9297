import { Module } from '@nestjs/common';
import { AgentDownloadController } from './agent-download.controller.js';
import { AgentDownloadsService } from './agent-downloads.service.js';
import { CliBundleService } from './cli-bundle.service.js';
import { CliController } from './cli.controller.js';
import { InstallScriptController } from './install-script.controller.js';

/**
 * Files the hub hands out: the `hivewatch` command line (libs/client) to pipelines, and the agent
 * (executable, .deb, install-agent.sh) to hosts.
 */
@Module({
  controllers: [CliController, AgentDownloadController, InstallScriptController],
  providers: [CliBundleService, AgentDownloadsService],
})
export class DownloadsModule {}
