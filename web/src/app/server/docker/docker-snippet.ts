/**
 * What a host owner adds to the agent's config to turn the Docker module on (docs/docker.md,
 * "Turning it on"). Kept here only, so the tab and its tests show the same text.
 */
export const DOCKER_CONFIG_FILE = '/etc/hivewatch/agent.json';
export const DOCKER_CONFIG_SNIPPET = `"capabilities": ["docker", "docker-actions"],
"docker": { "socket": "/var/run/docker.sock" }`;
export const DOCKER_CONFIG_ALTERNATIVE = 'HIVEWATCH_AGENT_CAPABILITIES=docker,docker-actions';

/** The other half of turning it on: the agent's user must be allowed on the engine's socket. */
export const DOCKER_SOCKET_HINT =
  'The agent’s user needs the engine’s socket (group docker) — that is root on the host. Leave out "docker-actions" to only watch containers.';
