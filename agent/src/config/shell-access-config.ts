import { accessSync, constants, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { EXEC_TIMEOUT_DEFAULT_MS, EXEC_TIMEOUT_MAX_MS } from '@hivewatch/protocol';
import { resolveRunAs, type RunAsLookup } from './run-as.js';

/** `"terminal"` in the config file: how the host runs terminal sessions (capability `terminal`). */
export interface TerminalConfig {
  shell: string;
  shellArgs: string[];
  runAs?: string;
  idleTimeoutSeconds: number;
  maxDurationSeconds: number;
  hubGraceSeconds: number;
  maxSessions: number;
}

/** `"exec"` in the config file: how the host runs commands (capability `exec`). */
export interface ExecConfig {
  shell: string;
  runAs?: string;
  defaultTimeoutSeconds: number;
}

export const TERMINAL_DEFAULTS: TerminalConfig = {
  shell: '/bin/sh',
  shellArgs: [],
  idleTimeoutSeconds: 900,
  maxDurationSeconds: 8 * 3600,
  hubGraceSeconds: 60,
  maxSessions: 4,
};

export const EXEC_DEFAULTS: ExecConfig = {
  shell: '/bin/sh',
  defaultTimeoutSeconds: EXEC_TIMEOUT_DEFAULT_MS / 1000,
};

/** Inclusive ranges of the numeric keys (finite: a typo never means "forever"). */
export const SHELL_ACCESS_RANGES = {
  idleTimeoutSeconds: [1, 8 * 3600],
  maxDurationSeconds: [1, 7 * 86_400],
  hubGraceSeconds: [1, 3600],
  maxSessions: [1, 32],
  defaultTimeoutSeconds: [1, EXEC_TIMEOUT_MAX_MS / 1000],
} as const;

const TERMINAL_KEYS = [
  'shell',
  'shellArgs',
  'runAs',
  'idleTimeoutSeconds',
  'maxDurationSeconds',
  'hubGraceSeconds',
  'maxSessions',
] as const;
const MAX_SHELL_ARGS = 32;
const MAX_SHELL_ARG_CHARS = 4096;

/** Problems of an absolute, existing, executable shell path, or none. */
export function shellProblem(path: string): string | undefined {
  if (!isAbsolute(path) || path.includes('\0')) return `'${path}' is not an absolute path`;
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch (error) {
    return `${path} does not exist (${(error as NodeJS.ErrnoException).code ?? 'error'})`;
  }
  if (!isFile) return `${path} is not a regular file`;
  try {
    accessSync(path, constants.X_OK);
  } catch {
    return `${path} is not executable`;
  }
  return undefined;
}

/**
 * Validates one section (`terminal` or `exec`): a JSON object (the environment variable holds it as
 * JSON text) with only known keys. Problems are pushed as `<section>.<key>: …`; what is wrong falls
 * back to its default so that every problem is found in one pass.
 */
class SectionReader {
  readonly values: Record<string, unknown>;

  constructor(
    readonly section: 'terminal' | 'exec',
    raw: unknown,
    known: readonly string[],
    readonly problems: string[],
  ) {
    let value = raw;
    if (typeof raw === 'string') {
      try {
        value = JSON.parse(raw) as unknown;
      } catch {
        value = undefined;
        problems.push(`${section}: expected a JSON object`);
      }
    }
    if (value === undefined || value === null) this.values = {};
    else if (typeof value !== 'object' || Array.isArray(value)) {
      problems.push(`${section}: expected an object`);
      this.values = {};
    } else this.values = value as Record<string, unknown>;
    for (const key of Object.keys(this.values))
      if (!known.includes(key))
        problems.push(`${section}: unknown key '${key}' (known: ${known.join(', ')})`);
  }

  problem(key: string, message: string): void {
    this.problems.push(`${this.section}.${key}: ${message}`);
  }

  shell(fallback: string): string {
    const value = this.values['shell'];
    if (value === undefined) return fallback;
    if (typeof value !== 'string') this.problem('shell', 'expected a string');
    else {
      const problem = shellProblem(value);
      if (problem === undefined) return value;
      this.problem('shell', `${problem}; give the absolute path of an installed shell, e.g. /bin/bash`);
    }
    return fallback;
  }

  integer(key: keyof typeof SHELL_ACCESS_RANGES, fallback: number): number {
    const value = this.values[key];
    if (value === undefined) return fallback;
    const [min, max] = SHELL_ACCESS_RANGES[key];
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    this.problem(key, `expected an integer in ${min}..${max}`);
    return fallback;
  }

  runAs(what: string, lookup: RunAsLookup): string | undefined {
    const value = this.values['runAs'];
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || value === '') {
      this.problem('runAs', 'expected a user name');
      return undefined;
    }
    try {
      resolveRunAs(value, what, lookup);
    } catch (error) {
      this.problem('runAs', (error as Error).message);
    }
    return value;
  }
}

export function readTerminalConfig(
  raw: unknown,
  problems: string[],
  lookup: RunAsLookup = {},
): TerminalConfig {
  const r = new SectionReader('terminal', raw, TERMINAL_KEYS, problems);
  const d = TERMINAL_DEFAULTS;
  let shellArgs = d.shellArgs;
  const args = r.values['shellArgs'];
  if (args !== undefined) {
    if (
      Array.isArray(args) &&
      args.length <= MAX_SHELL_ARGS &&
      args.every((a) => typeof a === 'string' && a.length <= MAX_SHELL_ARG_CHARS && !a.includes('\0'))
    )
      shellArgs = args as string[];
    else
      r.problem(
        'shellArgs',
        `expected a list of at most ${MAX_SHELL_ARGS} strings of at most ${MAX_SHELL_ARG_CHARS} characters`,
      );
  }
  const config: TerminalConfig = {
    shell: r.shell(d.shell),
    shellArgs,
    idleTimeoutSeconds: r.integer('idleTimeoutSeconds', d.idleTimeoutSeconds),
    maxDurationSeconds: r.integer('maxDurationSeconds', d.maxDurationSeconds),
    hubGraceSeconds: r.integer('hubGraceSeconds', d.hubGraceSeconds),
    maxSessions: r.integer('maxSessions', d.maxSessions),
  };
  const runAs = r.runAs('the terminal', lookup);
  return runAs === undefined ? config : { ...config, runAs };
}

export function readExecConfig(raw: unknown, problems: string[], lookup: RunAsLookup = {}): ExecConfig {
  const r = new SectionReader('exec', raw, ['shell', 'runAs', 'defaultTimeoutSeconds'], problems);
  const config: ExecConfig = {
    shell: r.shell(EXEC_DEFAULTS.shell),
    defaultTimeoutSeconds: r.integer('defaultTimeoutSeconds', EXEC_DEFAULTS.defaultTimeoutSeconds),
  };
  const runAs = r.runAs('exec', lookup);
  return runAs === undefined ? config : { ...config, runAs };
}
