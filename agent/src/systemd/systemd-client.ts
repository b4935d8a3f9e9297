import {
  SERVICE_LOG_MAX_LINES,
  SERVICE_NAME_PATTERN,
  SYSTEMD_UNAVAILABLE_OUTPUT,
  WireMessage,
  type HostRequestErrorCode,
  type ServiceDetail,
  type ServiceSummary,
  type WatchedService,
} from '@hivewatch/protocol';
import {
  parseJournalJson,
  parseListUnits,
  parseShow,
  parseWatchedStates,
  shortServiceName,
  showNumber,
  showTimestamp,
} from './parse.js';
import { ToolMissingError, type ToolResult, type ToolRunner } from './run-tool.js';

/** A refusal or failure that goes back to the hub as `{status:"error", message, code?}`. */
export class ServiceError extends Error {
  constructor(
    message: string,
    readonly code?: HostRequestErrorCode,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}

/** This host does not run systemd: the message older hubs know, and the code newer ones read. */
const systemdUnavailable = () => new ServiceError(WireMessage.SystemdUnavailable, 'systemd-unavailable');

const DETAIL_PROPERTIES = [
  'Id',
  'LoadState',
  'ActiveState',
  'SubState',
  'MainPID',
  'Restart',
  'ActiveEnterTimestamp',
  'ExecMainStartTimestamp',
  'ExecMainExitTimestamp',
  'InactiveEnterTimestamp',
  'MemoryCurrent',
  'CPUUsageNSec',
];

export interface SystemdClientOptions {
  runner: ToolRunner;
  now?: () => number;
  /** How long a probe result is trusted. */
  probeTtlMs?: number;
}

/**
 * Service actions through `systemctl` and `journalctl` (exact commands in agent/README.md). Names are
 * checked against the protocol's pattern before any process starts, and are passed as separate
 * arguments: no shell is involved. When systemd is not running, every action fails with
 * "systemd is not available on this host".
 */
export class SystemdClient {
  private probe: { available: boolean; at: number } | undefined;
  private readonly now: () => number;
  private readonly probeTtlMs: number;

  constructor(private readonly options: SystemdClientOptions) {
    this.now = options.now ?? Date.now;
    this.probeTtlMs = options.probeTtlMs ?? 60_000;
  }

  /** Is systemd running on this host? (`systemctl show --property=Version` answers only then.) */
  async available(): Promise<boolean> {
    if (this.probe && this.now() - this.probe.at < this.probeTtlMs) return this.probe.available;
    let available = false;
    try {
      const result = await this.options.runner.run(
        'systemctl',
        ['show', '--property=Version', '--value'],
        10_000,
      );
      available =
        result.code === 0 && result.stdout.trim() !== '' && !SYSTEMD_UNAVAILABLE_OUTPUT.test(result.stderr);
    } catch (error) {
      if (!(error instanceof ToolMissingError)) throw error;
    }
    this.probe = { available, at: this.now() };
    return available;
  }

  async listServices(): Promise<ServiceSummary[]> {
    const out = await this.systemctl([
      'list-units',
      '--type=service',
      '--all',
      '--no-legend',
      '--no-pager',
      '--plain',
    ]);
    return parseListUnits(out.stdout);
  }

  async service(name: string): Promise<ServiceDetail> {
    const unit = SystemdClient.checkName(name);
    const out = await this.systemctl([
      'show',
      unit,
      '--no-pager',
      '--timestamp=unix',
      `--property=${DETAIL_PROPERTIES.join(',')}`,
    ]);
    const p = parseShow(out.stdout)[0] ?? {};
    if (p['LoadState'] === 'not-found')
      throw new ServiceError(`Unit ${SystemdClient.unitFile(unit)} could not be found.`);
    const mainPid = showNumber(p['MainPID']);
    const started = showTimestamp(p['ActiveEnterTimestamp']) ?? showTimestamp(p['ExecMainStartTimestamp']);
    const cpuNs = showNumber(p['CPUUsageNSec']);
    const runningFor = started === null ? 0 : (this.now() - Date.parse(started)) / 1000;
    const memory = showNumber(p['MemoryCurrent']);
    return {
      name: shortServiceName(p['Id'] ?? unit),
      activeState: p['ActiveState'] ?? null,
      subState: p['SubState'] ?? null,
      mainPID: mainPid === 0 ? null : mainPid,
      cpuUsagePercent:
        cpuNs !== null && runningFor > 0 && p['ActiveState'] === 'active'
          ? Math.round((cpuNs / 1e9 / runningFor) * 10_000) / 100
          : null,
      memoryUsage: memory === null ? null : Math.round((memory / 1024 / 1024) * 100) / 100,
      startTime: started,
      exitTime: showTimestamp(p['ExecMainExitTimestamp']) ?? showTimestamp(p['InactiveEnterTimestamp']),
      restart: p['Restart'] ?? null,
    };
  }

  async log(name: string): Promise<{ log: string }[]> {
    const unit = SystemdClient.checkName(name);
    await this.requireSystemd();
    const out = await this.run('journalctl', [
      '-u',
      unit,
      '-n',
      String(SERVICE_LOG_MAX_LINES),
      '--no-pager',
      '-o',
      'json',
      '--output-fields=MESSAGE',
    ]);
    if (out.code !== 0) throw new ServiceError(out.stderr.trim() || `journalctl exited with ${out.code}`);
    return parseJournalJson(out.stdout).slice(-SERVICE_LOG_MAX_LINES);
  }

  async restart(name: string): Promise<void> {
    const unit = SystemdClient.checkName(name);
    await this.systemctl(['restart', unit], 120_000);
  }

  /** Watchlist states; `unknown` when systemd is not there or a unit does not exist. */
  async states(names: readonly string[]): Promise<WatchedService[]> {
    const valid = names.filter((n) => SERVICE_NAME_PATTERN.test(n));
    if (valid.length === 0 || !(await this.available())) return parseWatchedStates(names, '');
    const out = await this.options.runner.run('systemctl', [
      'show',
      '--no-pager',
      '--property=Id,ActiveState,SubState',
      ...valid.map((n) => SystemdClient.unitFile(n)),
    ]);
    return parseWatchedStates(names, out.code === 0 ? out.stdout : '');
  }

  private async systemctl(args: string[], timeoutMs?: number): Promise<ToolResult> {
    await this.requireSystemd();
    const out = await this.run('systemctl', args, timeoutMs);
    if (out.code !== 0) {
      if (SYSTEMD_UNAVAILABLE_OUTPUT.test(out.stderr)) throw systemdUnavailable();
      throw new ServiceError(out.stderr.trim() || `systemctl exited with ${out.code}`);
    }
    return out;
  }

  private async run(command: string, args: string[], timeoutMs?: number): Promise<ToolResult> {
    try {
      return await this.options.runner.run(command, args, timeoutMs);
    } catch (error) {
      if (error instanceof ToolMissingError) throw systemdUnavailable();
      throw error;
    }
  }

  private async requireSystemd(): Promise<void> {
    if (!(await this.available())) throw systemdUnavailable();
  }

  private static checkName(name: string): string {
    if (!SERVICE_NAME_PATTERN.test(name)) throw new ServiceError(`invalid service name '${name}'`);
    return name;
  }

  private static unitFile(name: string): string {
    return /\.(service|socket|timer|target|mount|path|slice|scope)$/.test(name) ? name : `${name}.service`;
  }
}
