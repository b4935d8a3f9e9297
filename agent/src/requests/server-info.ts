import { readFileSync } from 'node:fs';
import os from 'node:os';
import type { ServerInfo } from '@hivewatch/protocol';
import { OS_RELEASE_PATHS, readDistribution } from './os-release.js';

/** Physical cores: distinct (physical id, core id) pairs in /proc/cpuinfo; null when it does not say. */
export function countPhysicalCores(cpuinfo: string): number | null {
  const cores = new Set<string>();
  for (const block of cpuinfo.split(/\n\s*\n/)) {
    const physical = /^physical id\s*:\s*(\d+)/m.exec(block)?.[1];
    const core = /^core id\s*:\s*(\d+)/m.exec(block)?.[1];
    if (physical !== undefined && core !== undefined) cores.add(`${physical}:${core}`);
  }
  return cores.size > 0 ? cores.size : null;
}

/** `model name` (x86) or `Model`/`Hardware` (ARM) from /proc/cpuinfo. */
export function cpuModel(cpuinfo: string): string | null {
  return /^(?:model name|Model|Hardware|cpu model)\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? null;
}

function primaryIpv4(): string | null {
  for (const addresses of Object.values(os.networkInterfaces())) {
    const found = addresses?.find((a) => a.family === 'IPv4' && !a.internal);
    if (found) return found.address;
  }
  return null;
}

/**
 * `get-server-info`, with the seed-002 field names: `os` and `osVersion` are the distribution's name
 * and version from os-release (`${os} ${osVersion}` is its PRETTY_NAME), `kernel` the kernel
 * release. Without os-release, `os` is the kernel's name and `osVersion` null.
 */
export function serverInfo(
  procRoot = '/proc',
  osReleasePaths: readonly string[] = OS_RELEASE_PATHS,
): ServerInfo {
  let cpuinfo = '';
  try {
    cpuinfo = readFileSync(`${procRoot}/cpuinfo`, 'utf8');
  } catch {
    // not Linux, or a restricted container
  }
  const distro = readDistribution(osReleasePaths);
  return {
    hostname: os.hostname(),
    ipAddress: primaryIpv4(),
    os: distro?.name ?? os.type(),
    osVersion: distro?.version ?? null,
    kernel: os.release(),
    architecture: os.machine(),
    cpuModel: cpuModel(cpuinfo) ?? os.cpus()[0]?.model ?? null,
    cpuCores: countPhysicalCores(cpuinfo) ?? os.availableParallelism(),
    cpuThreads: os.availableParallelism(),
  };
}
