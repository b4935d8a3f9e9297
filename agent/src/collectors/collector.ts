import { networkInterfaces as osNetworkInterfaces, type NetworkInterfaceInfo } from 'node:os';
import { cpuPercent, parseProcStat, perCorePercent, type CpuStat } from './cpu.js';
import { DiskIoCollector } from './disk-io.js';
import { DiskUsageCollector, type DiskUsageOptions } from './disks.js';
import { findOnPath, GpuPoller } from './gpu.js';
import { countOnlineCpus, normalizeLoad, parseLoadavg } from './load.js';
import { memoryMetrics, parseMeminfo } from './memory.js';
import { NetworkCollector } from './network.js';
import { ProcFileReader } from './proc-reader.js';
import { ProcessCounter } from './processes.js';
import { parseSockstat } from './sockstat.js';
import { discoverTemperatureSensors, readCpuTemperature } from './temperature.js';
import type { GpuMetrics, MetricsSnapshot } from './types.js';
import { parseUptime } from './uptime.js';

/** Something that knows the GPUs' latest state (GpuPoller, or a stub in tests). */
export interface GpuSource {
  readonly current: GpuMetrics[] | undefined;
  start(): void;
  stop(): void;
}

export interface MetricsCollectorOptions {
  /** Default '/proc'; tests point it at a recorded fixture tree. */
  procRoot?: string;
  /** Default '/sys'. */
  sysRoot?: string;
  /** Monotonic nanoseconds; default process.hrtime.bigint. Injected by tests for exact intervals. */
  clock?: () => bigint;
  /** Default os.networkInterfaces (only called every addressRefreshMs). */
  networkInterfaces?: () => NodeJS.Dict<NetworkInterfaceInfo[]>;
  statfsSync?: DiskUsageOptions['statfsSync'];
  statfsAsync?: DiskUsageOptions['statfsAsync'];
  /** Mount table re-read period, default 60 s. */
  mountRefreshMs?: number;
  /** IP address and MAC refresh period, default 60 s. */
  addressRefreshMs?: number;
  /** GPUs: undefined = poll nvidia-smi if it is on PATH, false = never. */
  gpu?: GpuSource | false;
  /** Count processes (readdir of /proc) on each collection; default true. */
  processCount?: boolean;
  /** Told about a source that failed to read; the rest of the sample is still produced. */
  onError?: (part: MetricsPart, error: unknown) => void;
}

export const METRICS_PARTS = [
  'cpu',
  'memory',
  'load',
  'uptime',
  'processes',
  'sockets',
  'diskUsage',
  'diskIo',
  'network',
  'temperature',
  'gpu',
] as const;
export type MetricsPart = (typeof METRICS_PARTS)[number];

type PartRunner = (snapshot: MetricsSnapshot, nowNs: bigint) => void;

const NS_PER_SECOND = 1e9;

/**
 * Builds the periodic `metrics` sample from /proc, /sys and statfs with no child process and no
 * per-tick directory walks. Static facts (CPU count, temperature sensor files, nvidia-smi presence)
 * are looked up once in the constructor. Call prime() at start so the first collect() has rates.
 */
export class MetricsCollector {
  private readonly reader = new ProcFileReader();
  private readonly proc: string;
  private readonly clock: () => bigint;
  private readonly logicalCpus: number;
  private readonly temperatureSensors: string[];
  private readonly gpu: GpuSource | undefined;
  private readonly diskUsage: DiskUsageCollector;
  private readonly diskIo = new DiskIoCollector();
  private readonly network: NetworkCollector;
  private readonly processes: ProcessCounter;
  private readonly parts: ReadonlyMap<MetricsPart, PartRunner>;
  private previousCpu: CpuStat | undefined;
  private diskIoAt: bigint | undefined;
  private networkAt: bigint | undefined;
  private primed = false;

  constructor(private readonly options: MetricsCollectorOptions = {}) {
    this.proc = options.procRoot ?? '/proc';
    const sys = options.sysRoot ?? '/sys';
    this.clock = options.clock ?? ((): bigint => process.hrtime.bigint());
    const tryRead = (path: string): string | undefined => this.reader.tryRead(path);
    this.logicalCpus = countOnlineCpus(tryRead(`${sys}/devices/system/cpu/online`));
    this.temperatureSensors = discoverTemperatureSensors(sys, tryRead);
    this.gpu = options.gpu === false ? undefined : (options.gpu ?? MetricsCollector.detectGpu());
    this.diskUsage = new DiskUsageCollector({
      mountinfoPath: `${this.proc}/self/mountinfo`,
      readText: (path) => this.reader.read(path),
      mountRefreshMs: options.mountRefreshMs,
      statfsSync: options.statfsSync,
      statfsAsync: options.statfsAsync,
    });
    this.network = new NetworkCollector({
      sysClassNet: `${sys}/class/net`,
      vlanConfigPath: `${this.proc}/net/vlan/config`,
      readText: tryRead,
      networkInterfaces: options.networkInterfaces ?? osNetworkInterfaces,
      addressRefreshMs: options.addressRefreshMs,
    });
    this.processes = new ProcessCounter(this.proc, tryRead);
    this.parts = this.buildParts();
  }

  /** Online logical CPUs, as used for normalizedLoad. */
  get cpuCount(): number {
    return this.logicalCpus;
  }

  /** Reads the counters once (and starts GPU polling) so the first collect() reports real rates. */
  prime(): void {
    if (this.primed) return;
    this.primed = true;
    const now = this.clock();
    this.previousCpu = parseProcStat(this.reader.read(`${this.proc}/stat`));
    this.diskIo.update(this.reader.read(`${this.proc}/diskstats`), 0);
    this.diskIoAt = now;
    this.network.update(this.reader.read(`${this.proc}/net/dev`), 0, Number(now / 1_000_000n));
    this.networkAt = now;
    this.gpu?.start();
  }

  /** One sample. Rates cover the time since the previous collect() (or prime()). */
  collect(): MetricsSnapshot {
    if (!this.primed) this.prime();
    const snapshot = MetricsCollector.emptySnapshot();
    const now = this.clock();
    for (const [part, run] of this.parts) this.runGuarded(part, run, snapshot, now);
    return snapshot;
  }

  /** Runs one source alone (benchmarks use it to show what each part costs). */
  collectPart(part: MetricsPart): MetricsSnapshot {
    if (!this.primed) this.prime();
    const snapshot = MetricsCollector.emptySnapshot();
    const run = this.parts.get(part);
    if (run) this.runGuarded(part, run, snapshot, this.clock());
    return snapshot;
  }

  /** Stops the GPU timer (the collector holds no other timer or handle). */
  stop(): void {
    this.gpu?.stop();
    this.reader.close();
  }

  private runGuarded(part: MetricsPart, run: PartRunner, snapshot: MetricsSnapshot, now: bigint): void {
    try {
      run(snapshot, now);
    } catch (error) {
      this.options.onError?.(part, error);
    }
  }

  private buildParts(): ReadonlyMap<MetricsPart, PartRunner> {
    const proc = this.proc;
    const read = (path: string): string => this.reader.read(path);
    const entries: [MetricsPart, PartRunner][] = [
      [
        'cpu',
        (s) => {
          const current = parseProcStat(read(`${proc}/stat`));
          const previous = this.previousCpu ?? current;
          s.cpuUsagePercent = cpuPercent(previous.all, current.all);
          s.cpuPerCorePercent = perCorePercent(previous, current);
          this.previousCpu = current;
        },
      ],
      [
        'memory',
        (s) => {
          const memory = memoryMetrics(parseMeminfo(read(`${proc}/meminfo`)));
          s.ramUsagePercent = memory.ramUsagePercent;
          s.ramUsedGB = memory.ramUsedGB;
          s.ramTotalGB = memory.ramTotalGB;
          s.swapUsagePercent = memory.swapUsagePercent;
        },
      ],
      [
        'load',
        (s) => {
          s.normalizedLoad = normalizeLoad(parseLoadavg(read(`${proc}/loadavg`)), this.logicalCpus);
        },
      ],
      [
        'uptime',
        (s) => {
          s.uptimeSeconds = parseUptime(read(`${proc}/uptime`));
        },
      ],
      [
        'sockets',
        (s) => {
          const counts = parseSockstat(
            read(`${proc}/net/sockstat`),
            this.reader.tryRead(`${proc}/net/sockstat6`),
          );
          s.tcpConnections = counts.tcp;
          s.udpConnections = counts.udp;
        },
      ],
      [
        'diskUsage',
        (s, now) => {
          s.diskUsage = this.diskUsage.collect(Number(now / 1_000_000n));
        },
      ],
      [
        'diskIo',
        (s, now) => {
          const io = this.diskIo.update(read(`${proc}/diskstats`), this.secondsSince(this.diskIoAt, now));
          this.diskIoAt = now;
          s.diskReadSpeedMBps = io.readMBps;
          s.diskWriteSpeedMBps = io.writeMBps;
        },
      ],
      [
        'network',
        (s, now) => {
          const elapsed = this.secondsSince(this.networkAt, now);
          s.networkInterfaces = this.network.update(
            read(`${proc}/net/dev`),
            elapsed,
            Number(now / 1_000_000n),
          );
          this.networkAt = now;
        },
      ],
      [
        'temperature',
        (s) => {
          const celsius = readCpuTemperature(this.temperatureSensors, (path) => this.reader.tryRead(path));
          if (celsius !== undefined) s.cpuTemperatureC = celsius;
        },
      ],
      [
        'gpu',
        (s) => {
          const gpus = this.gpu?.current;
          if (gpus !== undefined) s.gpus = gpus;
        },
      ],
    ];
    if (this.options.processCount !== false) {
      entries.push([
        'processes',
        (s) => {
          s.processCount = this.processes.count();
        },
      ]);
    }
    return new Map(entries);
  }

  private secondsSince(then: bigint | undefined, now: bigint): number {
    return then === undefined ? 0 : Number(now - then) / NS_PER_SECOND;
  }

  private static detectGpu(): GpuSource | undefined {
    const nvidiaSmi = findOnPath('nvidia-smi');
    return nvidiaSmi === undefined ? undefined : new GpuPoller({ nvidiaSmiPath: nvidiaSmi });
  }

  private static emptySnapshot(): MetricsSnapshot {
    return {
      cpuUsagePercent: 0,
      ramUsagePercent: 0,
      ramUsedGB: 0,
      uptimeSeconds: 0,
      normalizedLoad: { '1m': 0, '5m': 0, '15m': 0 },
      diskReadSpeedMBps: 0,
      diskWriteSpeedMBps: 0,
      diskUsage: [],
      networkInterfaces: [],
    };
  }
}
