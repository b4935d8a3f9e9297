import type { AgentCapability } from '@hivewatch/protocol';
import type { DockerModule } from './docker/docker-module.js';
import type { Logger } from './log/logger.js';
import type { ProbeModule } from './probes/probe-module.js';
import { IMPLEMENTED_CAPABILITIES } from './requests/request-router.js';
import type { TerminalManager } from './terminal/terminal-manager.js';

export interface CapabilityReloadTarget {
  /** The agent's set, shared with the request router (which checks it at every request). */
  capabilities: Set<AgentCapability>;
  terminal: TerminalManager | undefined;
  /** Without `docker`: its event stream and log streams stop. */
  docker?: DockerModule;
  /** Without `ping`: every probe stops (timers cleared). */
  probes?: ProbeModule;
  logger: Logger;
  /** Re-opens the hub connection, so that the next `authenticate` carries the new list. */
  reconnect(): void;
}

/** How long the reconnect waits for the terminal sessions' exit events to go out. */
const EXIT_EVENTS_WAIT_MS = 3000;

/**
 * The config was re-read (SIGHUP): capabilities it no longer lists are refused from now on, and
 * without `terminal` every session ends (`capability-removed`, whole process groups). Capabilities
 * added take a restart (each is wired once, at start). Commands already running end by their timeout.
 */
export function removeCapabilitiesNotIn(
  listed: readonly AgentCapability[],
  target: CapabilityReloadTarget,
): void {
  const { capabilities, logger } = target;
  const removed = [...capabilities].filter((capability) => !listed.includes(capability));
  const added = listed.filter((c) => !capabilities.has(c) && IMPLEMENTED_CAPABILITIES.includes(c));
  if (added.length > 0)
    logger.warn('capabilities added to the config take effect at the next start', { added: added.join(',') });
  if (removed.length === 0) {
    logger.info('configuration re-read: no capability removed');
    return;
  }
  for (const capability of removed) capabilities.delete(capability);
  logger.info('capabilities removed at run time', { removed: removed.join(',') });
  const terminal = removed.includes('terminal') ? target.terminal : undefined;
  terminal?.closeAll('capability-removed');
  if (removed.includes('docker')) target.docker?.readingRemoved();
  if (removed.includes('ping')) target.probes?.stop();
  const deadline = Date.now() + EXIT_EVENTS_WAIT_MS;
  const reconnect = (): void => {
    if ((terminal?.size ?? 0) > 0 && Date.now() < deadline) setTimeout(reconnect, 50).unref();
    else target.reconnect();
  };
  reconnect();
}
