import type { AgentCapability } from '@hivewatch/protocol';
import type { Logger } from '../log/logger.js';
import { nodePtySpawner } from './pty-loader.js';
import { TerminalManager } from './terminal-manager.js';
import { DEFAULT_TERMINAL_OPTIONS, type TerminalOptions } from './terminal-options.js';
import { terminalEventSink } from './terminal-requests.js';

/** The agent's terminal, only when the host's own config enabled `terminal`. */
export function createTerminal(
  capabilities: ReadonlySet<AgentCapability>,
  send: (text: string) => boolean,
  logger: Logger,
  options: Partial<TerminalOptions> = {},
): TerminalManager | undefined {
  if (!capabilities.has('terminal')) return undefined;
  return new TerminalManager(
    { ...DEFAULT_TERMINAL_OPTIONS, ...options },
    nodePtySpawner(),
    terminalEventSink(send),
    logger,
  );
}
