import { type AgentDialect, type DockerAction, SIMPLE_DIALECT_DOCKER_ACTIONS } from '@hivewatch/protocol';

/** What the hub knows of a server's live agent when it decides whether to send it a Docker request. */
export interface DockerGateInput {
  dialect: AgentDialect;
  /** Advertised capabilities (undefined: a seed-002 agent, which sends none). */
  capabilities: readonly string[] | undefined;
  /** The server's seed-001 switch (docs/commands.md): Docker commands to simple-dialect agents. */
  simpleCommands: boolean;
}

export type DockerGateDecision = { ok: true } | { ok: false; message: string };

export const DOCKER_ACTIONS_NOT_ENABLED =
  "capability 'docker-actions' is not enabled on this host — the host's admin adds \"docker-actions\" to `capabilities` in the agent config";
export const DOCKER_NOT_ENABLED =
  "capability 'docker' is not enabled on this host — the host's admin adds \"docker\" to `capabilities` in the agent config";
export const SIMPLE_DOCKER_DENIED =
  "Docker commands to this simple-dialect (seed-001) agent are off: an admin can switch on the server's simpleCommands";
export const SIMPLE_DOCKER_READ_UNSUPPORTED =
  'a simple-dialect (seed-001) agent can only start, stop, restart and remove containers: it cannot inspect them or stream their logs';

export function simpleActionUnsupported(action: DockerAction): string {
  return `a simple-dialect (seed-001) agent knows only ${SIMPLE_DIALECT_DOCKER_ACTIONS.join(', ')}: '${action}' cannot be sent to it`;
}

/**
 * May `action` go to this agent? Our agent: only with `docker-actions` advertised (its host's config
 * owns that). A seed-001 agent has no capability gate of its own, so its `docker_command` goes only
 * where an admin switched the server's `simpleCommands` on, and only for the four actions seed 001 knows.
 * A refusal is a 409 with the message.
 */
export function gateDockerAction(input: DockerGateInput, action: DockerAction): DockerGateDecision {
  if (input.dialect === 'simple') {
    if (!SIMPLE_DIALECT_DOCKER_ACTIONS.includes(action))
      return { ok: false, message: simpleActionUnsupported(action) };
    if (!input.simpleCommands) return { ok: false, message: SIMPLE_DOCKER_DENIED };
    return { ok: true };
  }
  if (!input.capabilities?.includes('docker-actions'))
    return { ok: false, message: DOCKER_ACTIONS_NOT_ENABLED };
  return { ok: true };
}

/** May the hub read containers (inspect, logs) through this agent? Only our agent with `docker`. */
export function gateDockerRead(input: DockerGateInput): DockerGateDecision {
  if (input.dialect === 'simple') return { ok: false, message: SIMPLE_DOCKER_READ_UNSUPPORTED };
  if (!input.capabilities?.includes('docker')) return { ok: false, message: DOCKER_NOT_ENABLED };
  return { ok: true };
}
