/**
 * `"docker"` in the config file (or HIVEWATCH_AGENT_DOCKER as JSON): where the Engine API is and how
 * much the Docker module may do at once. Used only when `docker` or `docker-actions` is listed in
 * `capabilities`; the socket falls back to DOCKER_HOST, then to /var/run/docker.sock.
 */
export interface DockerConfig {
  /** `/var/run/docker.sock`, `unix:///run/podman/podman.sock` or `tcp://127.0.0.1:2375`; unset: DOCKER_HOST. */
  socket?: string;
  /** `docker-logs-start` streams open at once; more are refused. */
  maxLogStreams: number;
  /**
   * Per-container stats requests in flight at once during a collection. High on purpose: engines
   * before Docker 23 answer a one-shot stats call at their next 1 s stats tick, so calls made together
   * finish together (docs/docker.md, "Stats").
   */
  statsConcurrency: number;
  /** Milliseconds one Engine API call may take before it counts as failed. */
  timeoutMs: number;
}

export const DOCKER_DEFAULTS: DockerConfig = { maxLogStreams: 8, statsConcurrency: 64, timeoutMs: 10_000 };
export const DEFAULT_DOCKER_SOCKET = '/var/run/docker.sock';

export const DOCKER_CONFIG_RANGES = {
  maxLogStreams: [1, 32],
  statsConcurrency: [1, 256],
  timeoutMs: [500, 120_000],
} as const;

const KEYS = ['socket', ...Object.keys(DOCKER_CONFIG_RANGES)];

/** How the Engine API is reached: a unix socket path, or plain HTTP to host:port (tcp://). */
export type DockerEndpoint = { socketPath: string } | { host: string; port: number };

/** Parses `socket` / DOCKER_HOST: an absolute path, unix://<path> or tcp://host:port; a string problem otherwise. */
export function parseDockerEndpoint(value: string): DockerEndpoint | string {
  if (value.startsWith('/')) return { socketPath: value };
  if (value.startsWith('unix://')) {
    const socketPath = value.slice('unix://'.length);
    return socketPath.startsWith('/') ? { socketPath } : `'${value}': expected unix:///absolute/path`;
  }
  const tcp = /^tcp:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):(\d{1,5})\/?$/.exec(value);
  if (tcp) {
    const port = Number(tcp[2]);
    if (port >= 1 && port <= 65_535) return { host: (tcp[1] ?? '').replace(/^\[|\]$/g, ''), port };
  }
  return `'${value}': expected an absolute socket path, unix:///path or tcp://host:port (ssh:// is not supported)`;
}

/** The endpoint the agent uses: the config's socket, else DOCKER_HOST, else /var/run/docker.sock. */
export function dockerEndpointFor(config: DockerConfig, env: NodeJS.ProcessEnv): DockerEndpoint | string {
  const chosen = config.socket ?? (env['DOCKER_HOST'] || undefined) ?? DEFAULT_DOCKER_SOCKET;
  return parseDockerEndpoint(chosen);
}

/** Validates the section; problems are pushed as `docker.<key>: …` and the default is kept. */
export function readDockerConfig(raw: unknown, problems: string[]): DockerConfig {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw) as unknown;
    } catch {
      problems.push('docker: expected a JSON object');
      return { ...DOCKER_DEFAULTS };
    }
  }
  if (value === undefined || value === null) return { ...DOCKER_DEFAULTS };
  if (typeof value !== 'object' || Array.isArray(value)) {
    problems.push('docker: expected an object');
    return { ...DOCKER_DEFAULTS };
  }
  const values = value as Record<string, unknown>;
  for (const key of Object.keys(values))
    if (!KEYS.includes(key)) problems.push(`docker: unknown key '${key}' (known: ${KEYS.join(', ')})`);
  const config: DockerConfig = { ...DOCKER_DEFAULTS };
  const socket = values['socket'];
  if (socket !== undefined) {
    const endpoint = typeof socket === 'string' ? parseDockerEndpoint(socket) : 'expected a string';
    if (typeof endpoint === 'string') problems.push(`docker.socket: ${endpoint}`);
    else config.socket = socket as string;
  }
  for (const [key, [min, max]] of Object.entries(DOCKER_CONFIG_RANGES) as [
    keyof typeof DOCKER_CONFIG_RANGES,
    readonly [number, number],
  ][]) {
    const number = values[key];
    if (number === undefined) continue;
    if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max)
      problems.push(`docker.${key}: expected an integer in ${min}..${max}`);
    else config[key] = number;
  }
  return config;
}
