import { gauge, type Seed002Reading } from './gauge.js';
import { maxOfList, sumOver, type MetricDef } from './metric-def.js';

/** Charts of the console's history panel, in display order; a metric names the chart it is drawn on. */
export const CHART_GROUPS = [
  { id: 'cpu', title: 'CPU', unit: '%' },
  { id: 'cpuCore', title: 'Busiest CPU core', unit: '%' },
  { id: 'mem', title: 'Memory', unit: '%' },
  { id: 'load', title: 'Load per core', unit: '' },
  { id: 'net', title: 'Network', unit: 'Mbps' },
  { id: 'disk', title: 'Disk I/O', unit: 'MB/s' },
] as const;
export type ChartGroup = (typeof CHART_GROUPS)[number];
export type ChartGroupId = ChartGroup['id'];

const MBPS = { 'KB/s': 1 / 1000, 'MB/s': 1, 'GB/s': 1000 };
const MBITS = { 'Kbit/s': 1 / 1000, 'Mbit/s': 1, 'Gbit/s': 1000 };
const CELSIUS = { '°C': 1, C: 1 };

/** Seed 002's load average over one window, per core. */
const loadOver = (window: '1m' | '5m' | '15m'): Seed002Reading => ({
  text: `normalizedLoad['${window}']`,
  read: (p) => p.normalizedLoad[window],
});

/**
 * Every metric Hivewatch knows, once: its one key inside the hub and the console, how it is
 * stored, charted and alerted on, and its names on each wire (docs/metrics.md is generated from
 * it; docs/adding-a-metric.md says how to add one). Records, alert rules, the history API, the
 * console's charts and rule editor and the internal sample's gauge fields are all derived from it.
 *
 * Plain gauges (stored, one sample field filled from the seed-002 payload) are built by `gauge()`
 * (gauge.ts); the other entries are written out.
 *
 * ORDER MATTERS: stored metrics are packed in this order (src/records/record-codec.ts). Append new
 * metrics at the end; never reorder or remove one. Alert metrics are listed in this order too.
 */
export const METRIC_REGISTRY = [
  gauge(
    'cpu',
    'CPU',
    '%',
    10,
    {
      sample: 'cpuPercent',
      seed002: 'cpuUsagePercent',
      seed001: 'cpu_percent',
      stream: 'cpu_percent',
      browser: 'cpuPercent',
    },
    { chart: { group: 'cpu', legend: 'CPU' }, alert: { label: 'CPU' } },
  ),
  gauge(
    'mem',
    'Memory',
    '%',
    10,
    {
      sample: 'memPercent',
      seed002: 'ramUsagePercent',
      seed001: 'memory_percent',
      stream: 'memory_percent',
      browser: 'memoryPercent',
    },
    { chart: { group: 'mem', legend: 'Memory' }, alert: { label: 'memory' } },
  ),
  gauge(
    'swap',
    'Swap',
    '%',
    10,
    { sample: 'swapPercent', seed002: 'swapUsagePercent', stream: 'swap_percent', browser: 'swapPercent' },
    { alert: { label: 'swap' } },
  ),
  gauge(
    'load1',
    'Load 1 min',
    'per core',
    100,
    { sample: 'load1', seed002: loadOver('1m'), stream: 'load_1m', browser: 'load1' },
    { chart: { group: 'load', legend: 'Load 1m' }, alert: { label: 'load 1m' } },
  ),
  gauge(
    'load5',
    'Load 5 min',
    'per core',
    100,
    { sample: 'load5', seed002: loadOver('5m'), stream: 'load_5m', browser: 'load5' },
    { alert: { label: 'load 5m' } },
  ),
  gauge(
    'load15',
    'Load 15 min',
    'per core',
    100,
    { sample: 'load15', seed002: loadOver('15m'), stream: 'load_15m', browser: 'load15' },
    { alert: { label: 'load 15m' } },
  ),
  {
    key: 'disk',
    label: 'Disk usage',
    unit: '%',
    kind: 'gauge',
    stored: false,
    alert: { label: 'disk usage' },
    derived: 'fullestDisk',
    seed002: 'max of diskUsage[].usagePercent (or the one at the rule’s mountpoint)',
    seed001: 'max of disk_usage[].percent',
    stream: null,
    browser: 'diskPercent',
  },
  gauge(
    'diskRead',
    'Disk read',
    'MB/s',
    100,
    {
      sample: 'diskReadMBps',
      seed002: 'diskReadSpeedMBps',
      stream: 'disk_read_mbps',
      browser: 'diskReadMBps',
    },
    { chart: { group: 'disk', legend: 'Read' }, alert: { label: 'disk read', units: MBPS } },
  ),
  gauge(
    'diskWrite',
    'Disk write',
    'MB/s',
    100,
    {
      sample: 'diskWriteMBps',
      seed002: 'diskWriteSpeedMBps',
      stream: 'disk_write_mbps',
      browser: 'diskWriteMBps',
    },
    { chart: { group: 'disk', legend: 'Write' }, alert: { label: 'disk write', units: MBPS } },
  ),
  // Scale 1 bit/s: records keep 0.01 Mbit/s in the first format's slot and the rest beside it.
  gauge(
    'netIn',
    'Network in',
    'Mbit/s',
    1_000_000,
    {
      sample: 'netInMbps',
      seed002: {
        text: 'sum of networkInterfaces[].downloadSpeedMbps',
        read: (p) => sumOver(p.networkInterfaces, (n) => n.downloadSpeedMbps),
      },
      seed001: 'sum of network[].download_mbps',
      stream: 'net_in_mbps',
      browser: 'netInMbps',
    },
    { chart: { group: 'net', legend: 'In' }, alert: { label: 'network in', units: MBITS } },
  ),
  gauge(
    'netOut',
    'Network out',
    'Mbit/s',
    1_000_000,
    {
      sample: 'netOutMbps',
      seed002: {
        text: 'sum of networkInterfaces[].uploadSpeedMbps',
        read: (p) => sumOver(p.networkInterfaces, (n) => n.uploadSpeedMbps),
      },
      seed001: 'sum of network[].upload_mbps',
      stream: 'net_out_mbps',
      browser: 'netOutMbps',
    },
    { chart: { group: 'net', legend: 'Out' }, alert: { label: 'network out', units: MBITS } },
  ),
  gauge(
    'tcp',
    'TCP connections',
    'connections',
    1,
    {
      sample: 'tcpConnections',
      seed002: 'tcpConnections',
      stream: 'tcp_connections',
      browser: 'tcpConnections',
    },
    { alert: { label: 'TCP connections' } },
  ),
  gauge(
    'udp',
    'UDP sockets',
    'sockets',
    1,
    {
      sample: 'udpConnections',
      seed002: 'udpConnections',
      stream: 'udp_connections',
      browser: 'udpConnections',
    },
    { alert: { label: 'UDP sockets' } },
  ),
  gauge(
    'processes',
    'Processes',
    'processes',
    1,
    { sample: 'processCount', seed002: 'processCount', stream: 'process_count', browser: 'processCount' },
    { alert: { label: 'processes' } },
  ),
  gauge(
    'temperature',
    'CPU temperature',
    '°C',
    1,
    {
      sample: 'cpuTemperatureC',
      seed002: 'cpuTemperatureC',
      stream: 'cpu_temperature_c',
      browser: 'cpuTemperatureC',
    },
    { alert: { label: 'CPU temperature', units: CELSIUS } },
  ),
  {
    key: 'gpu',
    label: 'GPU utilisation',
    unit: '%',
    kind: 'gauge',
    stored: true,
    scale: 10,
    alert: { label: 'GPU utilisation' },
    derived: 'gpuUtilisationMean',
    alertDerived: 'gpuUtilisationMax',
    seed002: 'gpus[].utilizationPercent: mean in records, max (busiest GPU) in alerts',
    seed001: null,
    stream: null,
    browser: null,
  },
  {
    key: 'gpuMemory',
    label: 'GPU memory',
    unit: '%',
    kind: 'gauge',
    stored: false,
    alert: { label: 'GPU memory' },
    derived: 'gpuMemoryMax',
    seed002: 'max of gpus[].memoryUsedMB ÷ memoryTotalMB × 100',
    seed001: null,
    stream: null,
    browser: null,
  },
  {
    key: 'gpuTemperature',
    label: 'GPU temperature',
    unit: '°C',
    kind: 'gauge',
    stored: false,
    alert: { label: 'GPU temperature', units: CELSIUS },
    derived: 'gpuTemperatureMax',
    seed002: 'max of gpus[].temperatureC',
    seed001: null,
    stream: null,
    browser: null,
  },
  {
    key: 'uptime',
    label: 'Uptime',
    unit: 's',
    kind: 'counter',
    stored: true,
    sample: 'uptimeSeconds',
    fromSeed002: (p) => p.uptimeSeconds,
    seed002: 'uptimeSeconds',
    seed001: null,
    stream: 'uptime_seconds',
    browser: 'uptimeSeconds',
  },
  {
    key: 'rxBytes',
    label: 'Bytes received',
    unit: 'bytes',
    kind: 'counter',
    stored: true,
    derived: 'rxBytesTotal',
    seed002: 'sum of networkInterfaces[].netRxBytes',
    seed001: 'sum of network[].bytes_recv',
    stream: null,
    browser: null,
  },
  {
    key: 'txBytes',
    label: 'Bytes sent',
    unit: 'bytes',
    kind: 'counter',
    stored: true,
    derived: 'txBytesTotal',
    seed002: 'sum of networkInterfaces[].netTxBytes',
    seed001: 'sum of network[].bytes_sent',
    stream: null,
    browser: null,
  },
  gauge(
    'cpuCoreMax',
    'Busiest core',
    '%',
    10,
    {
      sample: 'cpuCoreMaxPercent',
      seed002: { text: 'max of cpuPerCorePercent[]', read: (p) => maxOfList(p.cpuPerCorePercent) },
    },
    { chart: { group: 'cpuCore', legend: 'Busiest core' }, alert: { label: 'busiest CPU core' } },
  ),
] as const satisfies readonly MetricDef[];
