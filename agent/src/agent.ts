import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import {
  PROTOCOL_VERSION,
  type AgentCapability,
  type AgentConfigRequest,
  type AuthenticatePayload,
} from '@hivewatch/protocol';
import { removeCapabilitiesNotIn } from './capability-reload.js';
import { MetricsCollector } from './collectors/collector.js';
import type { AgentConfig } from './config/agent-config.js';
import { updateConfigFile } from './config/config-file.js';
import { Backoff } from './connection/backoff.js';
import { HubConnection } from './connection/hub-connection.js';
import { agentEndpoint } from './connection/hub-url.js';
import { realTime, type TimeSource } from './connection/time-source.js';
import { DockerModule, type DockerFrameAction } from './docker/docker-module.js';
import { createExecHandler } from './exec/exec-handler.js';
import { ExecRunner } from './exec/exec-runner.js';
import { readHubFrame } from './hub-frames.js';
import { createTerminal } from './terminal/create-terminal.js';
import type { TerminalManager } from './terminal/terminal-manager.js';
import { createTerminalHandler } from './terminal/terminal-requests.js';
import { terminalOptionsFrom } from './terminal/terminal-options.js';
import { nativeAddonDir } from './native/native-addon.js';
import { errorMessage, JsonLogger, type Logger } from './log/logger.js';
import { MetricsLoop } from './metrics/metrics-loop.js';
import { warnOncePerList } from './metrics/payload-limits.js';
import { toMetricsPayload } from './metrics/to-payload.js';
import { WatchedServices } from './metrics/watched-services.js';
import { Outbox } from './outbox/outbox.js';
import { OutboxFile, type ForeignOutbox } from './outbox/outbox-file.js';
import { legacyOutboxPathFor, outboxLockPathFor, outboxPathFor } from './outbox/outbox-location.js';
import { OutboxLock } from './outbox/outbox-lock.js';
import { OutboxSender } from './outbox/outbox-sender.js';
import { ProbeModule } from './probes/probe-module.js';
import { ProcessTable } from './requests/process-table.js';
import { IMPLEMENTED_CAPABILITIES, RequestRouter, type IncomingRequest } from './requests/request-router.js';
import { deriveMachineId, machineIdCandidates } from './state/machine-id.js';
import { StateFile } from './state/state-file.js';
import { ExecFileRunner } from './systemd/run-tool.js';
import { SystemdClient } from './systemd/systemd-client.js';
import { AGENT_VERSION } from './version.js';

export interface AgentOptions {
  config: AgentConfig;
  logger?: Logger;
  /** Wall clock and timers for sampling and reconnects (tests compress time with it). */
  time?: TimeSource;
  collector?: MetricsCollector;
  /** Environment the systemctl/journalctl child processes get (its PATH finds them). */
  toolEnv?: NodeJS.ProcessEnv;
  backoff?: Backoff;
  procRoot?: string;
}

/** Wires config, state, collectors, outbox, connection and request handling together. */
export class Agent {
  readonly logger: Logger;
  readonly router: RequestRouter;
  readonly outbox: Outbox;
  readonly state: StateFile;
  /** Shared with the router, which checks it at every request: removing one refuses it at once. */
  readonly capabilities: Set<AgentCapability>;
  private readonly config: AgentConfig;
  private readonly time: TimeSource;
  private readonly collector: MetricsCollector;
  private readonly connection: HubConnection;
  private readonly sender: OutboxSender;
  private readonly loop: MetricsLoop;
  private readonly watched: WatchedServices;
  private authenticated = false;
  private serverIdValue: string | undefined;
  private readonly failedParts = new Set<string>();
  private readonly lock: OutboxLock;
  private readonly terminal: TerminalManager | undefined;
  private readonly docker: DockerModule | undefined;
  private readonly probes: ProbeModule | undefined;

  /** Throws OutboxLockedError when another agent process uses the same state file and outbox. */
  constructor(options: AgentOptions) {
    this.config = { ...options.config };
    this.logger = options.logger ?? new JsonLogger(this.config.logLevel);
    this.time = options.time ?? realTime;
    const endpoint = agentEndpoint(this.config.hubUrl); // a bad URL throws before anything is locked
    this.lock = OutboxLock.acquire(outboxLockPathFor(this.config.stateFile));
    try {
      this.state = new StateFile(this.config.stateFile);
      if (this.state.current.machineId === undefined)
        this.state.update({ machineId: deriveMachineId(machineIdCandidates(this.config.machineIdFile)) });
      this.outbox = this.openOutbox();
    } catch (error) {
      this.lock.release();
      throw error;
    }
    this.capabilities = this.effectiveCapabilities();
    this.collector =
      options.collector ??
      new MetricsCollector({
        procRoot: options.procRoot,
        onError: (part, error) => this.partFailed(part, error),
      });
    const systemd = new SystemdClient({ runner: new ExecFileRunner(options.toolEnv ?? process.env) });
    this.watched = new WatchedServices(systemd, this.logger.child('watchlist'));
    this.watched.watchlist = this.config.watchlist;
    this.terminal = createTerminal(
      this.capabilities,
      (text) => this.connection.send(text),
      this.logger.child('terminal'),
      terminalOptionsFrom(this.config.terminal),
      nativeAddonDir(this.config.stateFile),
    );
    this.docker =
      this.capabilities.has('docker') || this.capabilities.has('docker-actions')
        ? new DockerModule({
            config: this.config.docker,
            capabilities: this.capabilities,
            logger: this.logger.child('docker'),
            send: (action, payload) => this.sendEvent(action, payload),
          })
        : undefined;
    this.probes = this.capabilities.has('ping')
      ? new ProbeModule({
          logger: this.logger.child('probes'),
          send: (payload) => this.sendEvent('ping-result', payload),
        })
      : undefined;
    this.router = new RequestRouter({
      capabilities: this.capabilities,
      systemd,
      processes: new ProcessTable({ procRoot: options.procRoot }),
      logger: this.logger.child('requests'),
      procRoot: options.procRoot,
      applyConfig: (update) => this.applyConfig(update),
      exec: this.capabilities.has('exec')
        ? createExecHandler({
            runner: new ExecRunner({
              shell: this.config.exec.shell,
              runAs: this.config.exec.runAs,
              defaultTimeoutMs: this.config.exec.defaultTimeoutSeconds * 1000,
            }),
            send: (text) => this.connection.send(text),
            logger: this.logger.child('exec'),
          })
        : undefined,
      terminal: this.terminal ? createTerminalHandler(this.terminal) : undefined,
      docker: this.docker?.handle,
      probes: this.probes ? (request) => this.probes?.sync(request) : undefined,
    });
    this.connection = new HubConnection({
      endpoint,
      tls: { caFile: this.config.caFile, insecure: this.config.insecure },
      logger: this.logger.child('connection'),
      time: this.time,
      backoff: options.backoff,
      handler: {
        authenticateFrame: () => this.authenticateFrame(),
        onFrame: (frame) => this.onFrame(frame),
        onClosed: () => this.onClosed(),
      },
    });
    this.sender = new OutboxSender({
      outbox: this.outbox,
      sink: this.connection,
      rate: this.config.backfillRate,
    });
    const trimmed = warnOncePerList(this.logger.child('metrics'));
    this.loop = new MetricsLoop({
      collect: () => this.collector.collect(),
      onSample: (snapshot, timestamp) => {
        this.sampled(toMetricsPayload(snapshot, this.watched.current(), trimmed), timestamp);
        this.docker?.sample();
      },
      time: this.time,
    });
  }

  /** The hub's id for this server, once authenticated. */
  get serverId(): string | undefined {
    return this.serverIdValue;
  }

  get isAuthenticated(): boolean {
    return this.authenticated;
  }

  get metricsInterval(): number {
    return this.loop.intervalSeconds;
  }

  async start(): Promise<void> {
    if (this.config.insecure)
      this.logger.warn(
        'TLS verification of the hub is OFF (--insecure): anyone on the path can impersonate it',
      );
    this.collector.prime();
    await this.watched.refresh();
    this.loop.setInterval(this.config.metricsInterval);
    this.connection.start();
    this.docker?.start();
    this.logger.info('agent started', {
      version: AGENT_VERSION,
      interval: this.config.metricsInterval,
      capabilities: [...this.capabilities].join(',') || 'none',
      pendingSamples: this.outbox.size,
    });
    if (this.config.metricsInterval === 0) this.warnPaused('configuration');
  }

  stop(): void {
    this.terminal?.closeAll('agent-shutdown');
    this.docker?.stop();
    this.probes?.stop();
    this.loop.stop();
    this.sender.disconnected();
    this.connection.stop();
    this.collector.stop();
    try {
      this.outbox.flush();
    } catch (error) {
      this.logger.error('could not save the outbox', { error: errorMessage(error) });
    }
    this.lock.release();
  }

  /** The outbox of this state file, holding only samples recorded under this agent's id. */
  private openOutbox(): Outbox {
    const stateFile = this.config.stateFile;
    const legacy = legacyOutboxPathFor(stateFile);
    if (existsSync(legacy))
      this.logger.warn('ignoring the outbox of an older agent version (it does not say whose it is)', {
        path: legacy,
      });
    const owner = this.state.current.agentId ?? this.config.agentId ?? null;
    return new Outbox({
      file: new OutboxFile(outboxPathFor(stateFile), owner),
      state: this.state,
      retentionMs: this.config.outboxMinutes * 60_000,
      onForeign: (foreign) => this.foreignSamples(foreign),
    });
  }

  private foreignSamples(foreign: ForeignOutbox): void {
    this.logger.warn('the outbox held samples recorded under another agent id: they are not sent', {
      recordedAgentId: foreign.recordedOwner ?? 'unknown',
      agentId: this.state.current.agentId ?? this.config.agentId ?? 'not enrolled yet',
      samples: foreign.samples,
      movedTo: foreign.movedTo,
    });
  }

  private sampled(payload: ReturnType<typeof toMetricsPayload>, timestamp: number): void {
    try {
      const entry = this.outbox.add(payload, timestamp);
      this.sender.sampled(entry);
    } catch (error) {
      this.logger.error('could not queue a sample', { error: errorMessage(error) });
    }
  }

  private authenticateFrame(): string {
    const state = this.state.current;
    const common = {
      hostname: hostname(),
      agent_version: AGENT_VERSION,
      protocol_version: PROTOCOL_VERSION,
      capabilities: [...this.capabilities],
      resume: {
        lastSeq: this.outbox.lastSeq,
        lastAckedSeq: this.outbox.ackedSeq,
        pendingSamples: this.outbox.size,
        oldestPendingTimestamp: this.outbox.oldestTimestamp,
      },
    };
    const agentId = state.agentId ?? this.config.agentId;
    const token = state.agentId !== undefined ? state.token : this.config.token;
    let payload: AuthenticatePayload;
    if (agentId !== undefined && token !== undefined) payload = { agent_id: agentId, token, ...common };
    else if (this.config.enrollmentKey !== undefined)
      payload = { enrollment_key: this.config.enrollmentKey, machine_id: state.machineId ?? '', ...common };
    else throw new Error('no credentials: enroll with --enroll-file <file> or configure agentId and token');
    return JSON.stringify({
      type: 'request',
      id: Date.now(),
      action: 'authenticate',
      payload,
      timestamp: Date.now(),
    });
  }

  private onFrame(raw: unknown): void {
    const frame = readHubFrame(raw);
    switch (frame.kind) {
      case 'auth-ok':
        if (frame.agentId !== undefined && frame.token !== undefined) {
          this.state.update({ agentId: frame.agentId, token: frame.token });
          this.outbox.claim(frame.agentId);
          this.logger.info('enrolled: credentials stored in the state file', { serverId: frame.agentId });
        }
        this.authenticated = true;
        this.serverIdValue = frame.serverId;
        this.connection.authenticated();
        this.logger.info('authenticated', { serverId: frame.serverId, pendingSamples: this.outbox.size });
        this.sender.connected();
        this.terminal?.hubConnected();
        return;
      case 'auth-error':
        this.logger.error('the hub refused our credentials', { message: frame.message });
        this.connection.drop('authentication refused');
        return;
      case 'ack':
        this.outbox.ack(frame.seq);
        return;
      case 'request':
        if (this.authenticated) this.answer(frame.request);
        return;
      case 'other':
        return;
    }
  }

  private answer(request: IncomingRequest): void {
    const { response, cached } = this.router.handle(request);
    if (cached)
      this.logger.debug('answered from the response cache', {
        id: request.id ?? null,
        action: request.action,
      });
    void response.then((payload) => {
      this.connection.send(
        JSON.stringify({
          type: 'response',
          id: request.id ?? null,
          action: request.action,
          payload,
          timestamp: Date.now(),
        }),
      );
    });
  }

  private onClosed(): void {
    this.authenticated = false;
    this.terminal?.hubDisconnected();
    this.docker?.hubDisconnected();
    this.sender.disconnected();
  }

  /** A Docker or probe event frame, sent only over an authenticated link (dropped otherwise, never queued). */
  private sendEvent(action: DockerFrameAction | 'ping-result', payload: unknown): boolean {
    if (!this.authenticated) return false;
    return this.connection.send(JSON.stringify({ type: 'event', action, payload, timestamp: Date.now() }));
  }

  /** Interval 0 pauses metrics (protocol): said loudly, never a silent stop. */
  private warnPaused(by: 'configuration' | 'hub'): void {
    const message = 'metrics are PAUSED (metricsInterval 0): no samples until the interval is set again';
    this.logger.warn(message, { by });
  }

  private applyConfig(update: AgentConfigRequest): void {
    if (update.metricsInterval !== this.loop.intervalSeconds) this.loop.setInterval(update.metricsInterval);
    this.watched.watchlist = update.watchlist;
    this.logger.info('configuration updated by the hub', {
      interval: update.metricsInterval,
      watchlist: update.watchlist.join(','),
    });
    if (update.metricsInterval === 0) this.warnPaused('hub');
    try {
      updateConfigFile(this.config.configFile, {
        metricsInterval: update.metricsInterval,
        watchlist: update.watchlist,
      });
    } catch (error) {
      this.logger.warn('could not save the new interval and watchlist', { error: errorMessage(error) });
    }
  }

  /** The config was re-read (SIGHUP): capabilities it no longer lists stop (capability-reload.ts). */
  removeCapabilitiesNotIn(listed: readonly AgentCapability[]): void {
    removeCapabilitiesNotIn(listed, {
      capabilities: this.capabilities,
      terminal: this.terminal,
      docker: this.docker,
      probes: this.probes,
      logger: this.logger,
      reconnect: () => {
        if (this.authenticated) this.connection.drop('capabilities changed');
      },
    });
  }

  private effectiveCapabilities(): Set<AgentCapability> {
    const enabled = new Set<AgentCapability>();
    for (const capability of this.config.capabilities) {
      if (IMPLEMENTED_CAPABILITIES.includes(capability)) enabled.add(capability);
      else this.logger.warn('capability not implemented by this agent version: it stays off', { capability });
    }
    return enabled;
  }

  private partFailed(part: string, error: unknown): void {
    if (this.failedParts.has(part)) return;
    this.failedParts.add(part);
    this.logger.warn('a metrics source failed (reported once)', { part, error: errorMessage(error) });
  }
}
