import {
  TERMINAL_IDLE_TIMEOUT_DEFAULT_MS,
  TERMINAL_MAX_DURATION_DEFAULT_MS,
  TERMINAL_WINDOW_DEFAULT_BYTES,
} from '@hivewatch/protocol';
import type { TerminalConfig } from '../config/shell-access-config.js';

/** The host's own terminal settings: nothing here ever comes from the hub. */
export interface TerminalOptions {
  /** Absolute path of the login shell; default `/bin/sh`. */
  shell: string;
  /** Arguments of the shell, e.g. `['-l']` for a login shell; default none. */
  shellArgs: string[];
  /** Run the shell as this local user (needs an agent running as root); default: the agent's user. */
  runAsUser?: string;
  idleTimeoutMs: number;
  maxDurationMs: number;
  /** How long sessions survive a lost hub connection before they are killed. */
  hubGraceMs: number;
  /** Sessions open at once on this host. */
  maxSessions: number;
  /** Output window when `terminal-open` names none. */
  defaultWindowBytes: number;
  /** Output is sent in frames at most this often (coalescing keystroke echoes costs < 1 frame delay). */
  flushIntervalMs: number;
}

export const DEFAULT_TERMINAL_OPTIONS: TerminalOptions = {
  shell: '/bin/sh',
  shellArgs: [],
  idleTimeoutMs: TERMINAL_IDLE_TIMEOUT_DEFAULT_MS,
  maxDurationMs: TERMINAL_MAX_DURATION_DEFAULT_MS,
  hubGraceMs: 60_000,
  maxSessions: 4,
  defaultWindowBytes: TERMINAL_WINDOW_DEFAULT_BYTES,
  flushIntervalMs: 5,
};

/** The host's `"terminal"` config section (validated at load) as the manager's options. */
export function terminalOptionsFrom(config: TerminalConfig): TerminalOptions {
  return {
    ...DEFAULT_TERMINAL_OPTIONS,
    shell: config.shell,
    shellArgs: config.shellArgs,
    ...(config.runAs === undefined ? {} : { runAsUser: config.runAs }),
    idleTimeoutMs: config.idleTimeoutSeconds * 1000,
    maxDurationMs: config.maxDurationSeconds * 1000,
    hubGraceMs: config.hubGraceSeconds * 1000,
    maxSessions: config.maxSessions,
  };
}
