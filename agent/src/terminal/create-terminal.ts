import type { AgentCapability } from '@hivewatch/protocol';
import { errorMessage, type Logger } from '../log/logger.js';
import { loadNodePty, nodePtySpawner } from './pty-loader.js';
import { TerminalManager } from './terminal-manager.js';
import { DEFAULT_TERMINAL_OPTIONS, type TerminalOptions } from './terminal-options.js';
import { terminalEventSink } from './terminal-requests.js';

/**
 * The agent's terminal, only when the host's own config enabled `terminal`. node-pty is loaded at
 * once, so a host where it cannot load (an executable built without the addon for this platform)
 * says so at start; its sessions are then refused with the same message.
 */
export function createTerminal(
  capabilities: ReadonlySet<AgentCapability>,
  send: (text: string) => boolean,
  logger: Logger,
  options: TerminalOptions = DEFAULT_TERMINAL_OPTIONS,
  addonDir?: string,
): TerminalManager | undefined {
  if (!capabilities.has('terminal')) return undefined;
  try {
    loadNodePty(addonDir);
  } catch (error) {
    logger.warn('the terminal capability is enabled but cannot work here: sessions are refused', {
      error: errorMessage(error),
    });
  }
  return new TerminalManager(options, nodePtySpawner(addonDir), terminalEventSink(send), logger);
}
