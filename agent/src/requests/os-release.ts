import { readFileSync } from 'node:fs';

/**
 * The distribution's name and version from os-release(5): `/etc/os-release`, else
 * `/usr/lib/os-release`. Read directly rather than through a host-facts library: the file is the
 * one source every such library reads on Linux, and reading it costs well under a millisecond
 * (docs/agent-host-facts.md has the measured comparison).
 */
export const OS_RELEASE_PATHS: readonly string[] = ['/etc/os-release', '/usr/lib/os-release'];

/** Longest os-release file read; real ones are well under 1 KiB. */
const MAX_OS_RELEASE_BYTES = 64 * 1024;

export interface Distribution {
  /** e.g. "Debian GNU/Linux" (NAME). */
  name: string;
  /** e.g. "12 (bookworm)": the rest of PRETTY_NAME, else VERSION, else VERSION_ID; null when none. */
  version: string | null;
}

/** KEY=value pairs of an os-release file (shell-like quoting, `#` comments, bad lines skipped). */
export function parseOsRelease(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Z][A-Z0-9_]*)=(.*?)\s*$/.exec(line);
    if (match) fields.set(match[1]!, unquote(match[2]!));
  }
  return fields;
}

/**
 * Name and version such that `${name} ${version}` is PRETTY_NAME whenever PRETTY_NAME starts with
 * NAME (Debian, Ubuntu, Alpine, RHEL, ...); null without a usable file.
 */
export function distribution(fields: ReadonlyMap<string, string>): Distribution | null {
  const pretty = fields.get('PRETTY_NAME')?.trim() || undefined;
  const name = fields.get('NAME')?.trim() || undefined;
  const version = fields.get('VERSION')?.trim() || fields.get('VERSION_ID')?.trim() || null;
  if (name === undefined) return pretty === undefined ? null : { name: pretty, version: null };
  if (pretty === undefined) return { name, version };
  if (pretty === name) return { name, version: null };
  if (pretty.startsWith(`${name} `)) return { name, version: pretty.slice(name.length + 1).trim() || null };
  return { name: pretty, version: null };
}

/** The host's distribution, or null when no os-release file can be read (not Linux, odd container). */
export function readDistribution(paths: readonly string[] = OS_RELEASE_PATHS): Distribution | null {
  for (const path of paths) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch {
      continue;
    }
    return distribution(parseOsRelease(text.slice(0, MAX_OS_RELEASE_BYTES)));
  }
  return null;
}

function unquote(raw: string): string {
  const quote = raw[0];
  if ((quote === '"' || quote === "'") && raw.endsWith(quote) && raw.length >= 2) {
    const inner = raw.slice(1, -1);
    return quote === '"' ? inner.replace(/\\(["$`\\])/g, '$1') : inner;
  }
  return raw;
}
