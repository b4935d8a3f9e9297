import path from 'node:path';
import { Injectable, NotFoundException } from '@nestjs/common';
import { AGENT_PLATFORMS, type AgentDownload, agentFileName } from '@hivewatch/protocol';
import { repositoryRoot } from '../console/console-static.js';
import { AGENT_ARTIFACTS, agentBuildCommand } from './agent-artifacts.js';
import { BundleFile, type BundleContent } from './bundle-file.js';

/** The agent executables and Debian packages this hub serves (see AGENT_ARTIFACTS). */
@Injectable()
export class AgentDownloadsService {
  private readonly files = new Map<string, BundleFile>();

  constructor() {
    const root = repositoryRoot();
    for (const platform of AGENT_PLATFORMS)
      for (const [kind, file] of Object.entries(AGENT_ARTIFACTS[platform]))
        this.files.set(`${platform}:${kind}`, new BundleFile(path.join(root, file)));
  }

  async content({ platform, kind }: AgentDownload): Promise<BundleContent> {
    const content = await this.files.get(`${platform}:${kind}`)?.read();
    if (!content) {
      throw new NotFoundException(
        `${agentFileName(platform, kind)} is not built on this hub. ` +
          `Run \`${agentBuildCommand(platform, kind)}\` on the hub (${platform}: ${AGENT_ARTIFACTS[platform][kind]}).`,
      );
    }
    return content;
  }
}
