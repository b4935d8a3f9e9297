import {
  DOCKER_MAX_LABELS,
  DOCKER_MAX_MOUNTS,
  DOCKER_MAX_PORTS,
  type DockerInspect,
  type DockerPort,
} from '@hivewatch/protocol';
import { dockerHealth, dockerState, inspectFacts } from './container-snapshot.js';
import {
  arr,
  bool,
  bytes,
  containerName,
  cut,
  cutName,
  cutPath,
  cutText,
  engineTimeMs,
  num,
  obj,
  str,
} from './engine-values.js';

const LABEL_VALUE_MAX_CHARS = 4096;
const COMMAND_MAX_PARTS = 256;

/**
 * `docker-inspect` data: an ALLOW-LIST. Each field below is picked by name from the Engine API's
 * inspect result; nothing else is copied. `Config.Env` (secrets), `HostConfig` beyond the limits,
 * log paths, secrets and the like never leave the host.
 */
export function toDockerInspect(raw: unknown): DockerInspect {
  const info = obj(raw);
  const state = obj(info['State']);
  const config = obj(info['Config']);
  const host = obj(info['HostConfig']);
  const facts = inspectFacts(info);
  const restart = obj(host['RestartPolicy']);
  const policy = str(restart['Name']) || 'no';
  const retries = num(restart['MaximumRetryCount']);
  const memory = num(host['Memory']);
  const nanoCpus = num(host['NanoCpus']);
  const user = str(config['User']);
  const workingDir = str(config['WorkingDir']);
  return {
    id: str(info['Id']) ?? '',
    name: containerName(info['Name']),
    image: cutPath(str(config['Image']) ?? str(info['Image']) ?? ''),
    imageId: cutName(str(info['Image']) ?? ''),
    createdAt: engineTimeMs(info['Created']) ?? 0,
    startedAt: facts.startedAt,
    finishedAt: engineTimeMs(state['FinishedAt']),
    state: dockerState(state['Status']),
    health: dockerHealth(obj(state['Health'])['Status']),
    exitCode: facts.exitCode,
    oomKilled: bool(state['OOMKilled']),
    restartCount: facts.restartCount,
    restartPolicy: cutName(policy === 'on-failure' && retries ? `on-failure:${retries}` : policy),
    command: command(config),
    workingDir: workingDir ? cutPath(workingDir) : null,
    user: user ? cutName(user) : null,
    privileged: bool(host['Privileged']),
    readOnlyRootfs: bool(host['ReadonlyRootfs']),
    memoryLimitBytes: memory !== undefined && memory > 0 ? bytes(memory) : null,
    nanoCpus: nanoCpus !== undefined && nanoCpus > 0 ? bytes(nanoCpus) : null,
    labels: labels(config['Labels']),
    mounts: arr(info['Mounts'])
      .slice(0, DOCKER_MAX_MOUNTS)
      .map((value) => {
        const mount = obj(value);
        return {
          type: cutName(str(mount['Type']) ?? ''),
          source: cutPath(str(mount['Source']) ?? ''),
          destination: cutPath(str(mount['Destination']) ?? ''),
          readOnly: mount['RW'] === false,
        };
      }),
    networks: Object.entries(obj(obj(info['NetworkSettings'])['Networks']))
      .slice(0, DOCKER_MAX_MOUNTS)
      .map(([name, value]) => {
        const ip = str(obj(value)['IPAddress']);
        return { name: cutName(name), ipAddress: ip ? cutName(ip) : null };
      }),
    ports: inspectPorts(obj(obj(info['NetworkSettings'])['Ports'])),
  };
}

/** Entrypoint then Cmd, as the container runs them. */
function command(config: Record<string, unknown>): string[] {
  const entrypoint = config['Entrypoint'];
  const parts = [...(typeof entrypoint === 'string' ? [entrypoint] : arr(entrypoint)), ...arr(config['Cmd'])];
  return parts
    .filter((part): part is string => typeof part === 'string')
    .slice(0, COMMAND_MAX_PARTS)
    .map(cutText);
}

function labels(value: unknown): Record<string, string> {
  const result: Record<string, string> = {};
  let kept = 0;
  for (const [key, label] of Object.entries(obj(value))) {
    if (kept >= DOCKER_MAX_LABELS) break;
    if (typeof label !== 'string') continue;
    result[cutName(key)] = cut(label, LABEL_VALUE_MAX_CHARS);
    kept += 1;
  }
  return result;
}

/** `NetworkSettings.Ports`: `{"80/tcp": [{HostIp, HostPort}] | null}`. */
function inspectPorts(ports: Record<string, unknown>): DockerPort[] {
  const result: DockerPort[] = [];
  for (const [key, bindings] of Object.entries(ports)) {
    const match = /^(\d{1,5})\/(tcp|udp|sctp)$/.exec(key);
    const privatePort = Number(match?.[1]);
    if (!match || privatePort > 65_535) continue;
    const protocol = match[2] as DockerPort['protocol'];
    const list = arr(bindings);
    if (list.length === 0) result.push({ privatePort, publicPort: null, protocol, ip: null });
    for (const value of list) {
      const binding = obj(value);
      const publicPort = Number(str(binding['HostPort']) ?? NaN);
      const ip = str(binding['HostIp']);
      result.push({
        privatePort,
        publicPort:
          Number.isInteger(publicPort) && publicPort >= 0 && publicPort <= 65_535 ? publicPort : null,
        protocol,
        ip: ip ? cutName(ip) : null,
      });
    }
  }
  return result.slice(0, DOCKER_MAX_PORTS);
}
