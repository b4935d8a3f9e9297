import path from 'node:path';
import type { AgentArtifactKind, AgentPlatform } from '@hivewatch/protocol';

/**
 * Where each platform's agent is built, relative to the repository root: the executable
 * (`npm run build:agent:exe`, agent/build-exe.mjs) and its Debian package (`npm run build:agent:deb`,
 * agent/packaging/build-deb.mjs). The one table the downloads read.
 */
export const AGENT_ARTIFACTS: Record<AgentPlatform, Record<AgentArtifactKind, string>> = {
  'linux-x64': {
    executable: path.join('dist', 'agent', 'hivewatch-agent-linux-x64'),
    deb: path.join('dist', 'agent', 'hivewatch-agent-linux-x64.deb'),
  },
  'linux-arm64': {
    executable: path.join('dist', 'agent', 'hivewatch-agent-linux-arm64'),
    deb: path.join('dist', 'agent', 'hivewatch-agent-linux-arm64.deb'),
  },
};

/** The command that builds an artifact, for the "not built" answer (the .deb packages every built executable). */
export function agentBuildCommand(platform: AgentPlatform, kind: AgentArtifactKind): string {
  return kind === 'deb' ? 'npm run build:agent:deb' : `npm run build:agent:exe -- --platform ${platform}`;
}
