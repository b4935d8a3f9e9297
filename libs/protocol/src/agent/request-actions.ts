import type { AgentCapability } from '../capability-names.js';

/**
 * Zod-free list of the hub → agent request actions (re-exported by action-map.ts, whose
 * `agentRequestSchemas` must name the same actions: checked there at compile time).
 */

/**
 * Capability an agent must advertise before the hub sends the action. `null`: always allowed.
 * `restart-service` is a seed action: a seed-002 agent (no capability list) gets it; an agent that
 * reports capabilities gets it only with `services-restart`.
 */
const CAPABILITY_BY_ACTION = {
  'get-server-info': null,
  'get-services': null,
  'get-service': null,
  'get-service-log': null,
  'restart-service': 'services-restart',
  'get-processes': null,
  'get-process': null,
  'update-agent-config': null,
  exec: 'exec',
  'exec-cancel': 'exec',
  'terminal-open': 'terminal',
  'terminal-input': 'terminal',
  'terminal-resize': 'terminal',
  'terminal-credit': 'terminal',
  'terminal-close': 'terminal',
  'ping-tasks-sync': 'ping',
  'docker-list': 'docker',
  'docker-inspect': 'docker',
  'docker-action': 'docker-actions',
  'docker-logs-start': 'docker',
  'docker-logs-stop': 'docker',
  'logs-follow-start': 'logs',
  'logs-follow-stop': 'logs',
  upgrade: 'upgrade',
  'get-capabilities': null,
} as const satisfies Record<string, AgentCapability | null>;

/** A hub → agent request action (same union as `AgentRequestAction`). */
export type RequestActionName = keyof typeof CAPABILITY_BY_ACTION;

export const ACTION_CAPABILITY: Record<RequestActionName, AgentCapability | null> = CAPABILITY_BY_ACTION;

export function isAgentRequestAction(action: string): action is RequestActionName {
  return Object.hasOwn(ACTION_CAPABILITY, action);
}
