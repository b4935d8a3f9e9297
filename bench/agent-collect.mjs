// CPU cost of one agent metrics collection, total and per source, on this host; side by side with
// Debian's prometheus-node-exporter (CPU per scrape, RssAnon/VmRSS) when it is installed.
//
// Build the collectors first (plain tsc, no project config), then run:
//   npx tsc --ignoreConfig agent/src/collectors/collector.ts --outDir /tmp/agent-collect-build \
//     --module nodenext --moduleResolution nodenext --target es2023 --types node --strict --skipLibCheck
//   echo '{"type":"module"}' > /tmp/agent-collect-build/package.json
//   node bench/agent-collect.mjs            # AGENT_COLLECT_BUILD=<dir> to use another build
//
// Method: prime(), warm up, then 5 batches of N collections measured with process.cpuUsage()
// (user + system); the median batch is reported in ms per collection. Each part is measured the
// same way through collectPart(). node-exporter: 5 batches of 40 scrapes of /metrics, CPU from
// /proc/PID/stat (utime + stime) of the exporter process, median per scrape.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const BUILD = process.env.AGENT_COLLECT_BUILD ?? '/tmp/agent-collect-build';
const N = Number(process.env.COLLECTIONS ?? 2000);
const BATCHES = 5;

const { MetricsCollector, METRICS_PARTS } = await import(pathToFileURL(join(BUILD, 'collector.js')).href);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (ms) => ms.toFixed(3).padStart(8);

function cpuMsPer(run, count) {
  const batches = [];
  for (let b = 0; b < BATCHES; b++) {
    const start = process.cpuUsage();
    for (let i = 0; i < count; i++) run();
    const used = process.cpuUsage(start);
    batches.push((used.user + used.system) / 1000 / count);
  }
  return median(batches);
}

function statusKiB(pid, key) {
  const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'latin1'));
  return match ? Number(match[1]) : NaN;
}

const collector = new MetricsCollector({ gpu: false });
collector.prime();
for (let i = 0; i < 200; i++) collector.collect(); // JIT warm-up

console.log(`host: ${cpus()[0]?.model ?? '?'} × ${availableParallelism()}, Node ${process.version}`);
console.log(`agent collectors (${BUILD}), ${BATCHES} batches × ${N}, median, ms CPU per call:`);
const total = cpuMsPer(() => collector.collect(), N);
console.log(`  ${'collect() total'.padEnd(22)}${fmt(total)}`);
for (const part of METRICS_PARTS) {
  for (let i = 0; i < 100; i++) collector.collectPart(part);
  console.log(`  ${part.padEnd(22)}${fmt(cpuMsPer(() => collector.collectPart(part), N))}`);
}
const loadavgThreads = cpuMsPer(() => readFileSync('/proc/loadavg', 'latin1'), N);
console.log(
  `  ${'(alt) loadavg threads'.padEnd(22)}${fmt(loadavgThreads)}   (threads, not processes: not used)`,
);
const sample = collector.collect();
console.log(
  `  sample: ${sample.diskUsage.length} filesystems, ${sample.networkInterfaces.length} interfaces, ` +
    `${sample.processCount ?? '-'} processes`,
);
console.log(
  `  this bench process after ${(BATCHES * N * (METRICS_PARTS.length + 2)).toLocaleString('en')} calls: ` +
    `RssAnon ${(statusKiB('self', 'RssAnon') / 1024).toFixed(1)} MB, VmRSS ${(statusKiB('self', 'VmRSS') / 1024).toFixed(1)} MB`,
);
collector.stop();

// --- prometheus-node-exporter, same run ---
const exporterPath = ['/usr/bin/prometheus-node-exporter', process.env.NODE_EXPORTER].find((path) => {
  try {
    return path && readFileSync(path).length > 0;
  } catch {
    return false;
  }
});
if (exporterPath === undefined) {
  console.log('prometheus-node-exporter: not installed (apt-get install prometheus-node-exporter), skipped');
} else {
  const port = 19100 + Math.floor(Math.random() * 500);
  const exporter = spawn(exporterPath, [`--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}/metrics`;
  try {
    for (let tries = 0; ; tries++) {
      try {
        await (await fetch(url)).text();
        break;
      } catch (error) {
        if (tries > 100) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    const ticksPerSecond = 100; // USER_HZ on Linux
    const cpuTicks = () => {
      const fields = readFileSync(`/proc/${exporter.pid}/stat`, 'latin1').split(') ')[1].split(' ');
      return Number(fields[11]) + Number(fields[12]); // utime, stime
    };
    const SCRAPES = 40;
    for (let i = 0; i < 5; i++) await (await fetch(url)).text();
    const batches = [];
    for (let b = 0; b < BATCHES; b++) {
      const before = cpuTicks();
      for (let i = 0; i < SCRAPES; i++) await (await fetch(url)).text();
      batches.push(((cpuTicks() - before) * 1000) / ticksPerSecond / SCRAPES);
    }
    const perScrape = median(batches);
    console.log(
      `prometheus-node-exporter (${exporterPath}), default collectors, ${BATCHES} batches × ${SCRAPES} scrapes:`,
    );
    console.log(`  ${'CPU per scrape'.padEnd(22)}${fmt(perScrape)} ms`);
    console.log(
      `  RssAnon ${(statusKiB(exporter.pid, 'RssAnon') / 1024).toFixed(1)} MB, VmRSS ${(statusKiB(exporter.pid, 'VmRSS') / 1024).toFixed(1)} MB`,
    );
    console.log(`ratio: node-exporter scrape / agent collection = ${(perScrape / total).toFixed(1)}×`);
  } finally {
    exporter.kill('SIGTERM');
  }
}
