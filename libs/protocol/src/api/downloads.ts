import { z } from 'zod';

/**
 * `GET /api/v1/agent/download/{file}` (src/downloads): the agent as one executable per platform,
 * its Debian package, and a `sha256sum` line for each; `GET /install-agent.sh` installs it.
 */

/** Platforms the hub serves the agent for, as `uname -s`/`uname -m` map them (install-agent.sh). */
export const AGENT_PLATFORMS = ['linux-x64', 'linux-arm64'] as const;
export type AgentPlatform = (typeof AGENT_PLATFORMS)[number];

/** What a download is: the executable itself or its `.deb`, optionally as a checksum line. */
export type AgentArtifactKind = 'executable' | 'deb';

export interface AgentDownload {
  platform: AgentPlatform;
  kind: AgentArtifactKind;
  checksum: boolean;
}

/** Stable URL of the install script (outside `/api`: it is what an admin types). */
export const INSTALL_SCRIPT_PATH = '/install-agent.sh';

/** Path of an agent download under the hub's public URL. */
export function agentDownloadPath(platform: AgentPlatform, kind: AgentArtifactKind = 'executable'): string {
  return `/api/v1/agent/download/${platform}${kind === 'deb' ? '.deb' : ''}`;
}

/** Name the executable is served under and that its `sha256sum` line names. */
export function agentFileName(platform: AgentPlatform, kind: AgentArtifactKind): string {
  return kind === 'deb' ? `hivewatch-agent-${platform}.deb` : `hivewatch-agent-${platform}`;
}

const DOWNLOAD_NAME = /^(?<platform>[a-z0-9-]{1,32}?)(?<deb>\.deb)?(?<sum>\.sha256)?$/;

/**
 * The `{file}` path segment: `<platform>`, `<platform>.sha256`, `<platform>.deb` or
 * `<platform>.deb.sha256`, the platform one of {@link AGENT_PLATFORMS}.
 */
export const agentDownloadSchema = z
  .string()
  .max(64)
  .transform((name, ctx): AgentDownload => {
    const match = DOWNLOAD_NAME.exec(name);
    const platform = AGENT_PLATFORMS.find((p) => p === match?.groups?.['platform']);
    if (!match || !platform) {
      ctx.addIssue({
        code: 'custom',
        message:
          `unknown platform; known: ${AGENT_PLATFORMS.join(', ')} ` +
          `(optionally followed by .deb and/or .sha256)`,
      });
      return z.NEVER;
    }
    return {
      platform,
      kind: match.groups?.['deb'] ? 'deb' : 'executable',
      checksum: match.groups?.['sum'] !== undefined,
    };
  });

/**
 * `GET /api/v1/agent/install-info` (signed in): the hub's address as hosts reach it
 * (HIVEWATCH_PUBLIC_URL, else the request's) and the platforms it serves, for the console's commands.
 */
export const agentInstallInfoSchema = z.object({
  hubUrl: z.string(),
  platforms: z.array(z.enum(AGENT_PLATFORMS)),
});
export type AgentInstallInfo = z.infer<typeof agentInstallInfoSchema>;
