/** The host facts the OS name is made from (`get-server-info`, seed 002 field names). */
export interface OsFacts {
  os?: unknown;
  osVersion?: unknown;
  kernel?: unknown;
}

/**
 * A kernel build or release where an OS version belongs: seed-002 agents send `platform.version()`
 * ("#75-Ubuntu SMP Tue Nov 7 …", "#1 SMP PREEMPT_DYNAMIC Debian 6.1.123-1"), macOS says
 * "Darwin Kernel Version 23.0.0: …", and some agents repeat `uname -r`.
 */
function isKernelBuild(version: string, kernel: string | null): boolean {
  return (
    version.startsWith('#') ||
    /\b(?:SMP|PREEMPT(?:_DYNAMIC|_RT)?)\b/.test(version) ||
    /\bkernel version\b/i.test(version) ||
    version === kernel
  );
}

function clean(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const text = value.replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

/**
 * The operating system's one display name (protocol `osDisplayNameSchema`). Our agent sends the
 * os-release NAME and the rest of PRETTY_NAME, so joined they are the distribution's pretty name
 * ("Debian GNU/Linux 12 (bookworm)"); a version that is a kernel build, or already part of the
 * name, is left out ("Linux" for seed 002); null without a name (seed-001 agents send no facts).
 */
export function osDisplayName(facts: OsFacts | null | undefined): string | null {
  const name = clean(facts?.os);
  if (name === null) return null;
  const version = clean(facts?.osVersion);
  if (version === null || isKernelBuild(version, clean(facts?.kernel))) return name;
  if (name.toLowerCase().includes(version.toLowerCase())) return name;
  return `${name} ${version}`;
}
