/** Zod-free half of capabilities.ts (re-exported there), so the agent bundle can use it without zod. */

/**
 * Capabilities are owned by the agent host (its local config), never by the hub. The agent reports
 * its enabled set at authenticate time; the hub never sends a request outside it, and the agent
 * re-checks and refuses anyway.
 */
export const AGENT_CAPABILITIES = [
  'exec',
  'terminal',
  'docker',
  'docker-actions',
  'services-restart',
  'ping',
  'upgrade',
  'logs',
] as const;

/** One of {@link AGENT_CAPABILITIES}. */
export type AgentCapability = (typeof AGENT_CAPABILITIES)[number];

/** Off unless the host's config turns them on: each lets the hub change the host, not just read it. */
export const DANGEROUS_CAPABILITIES: readonly AgentCapability[] = [
  'exec',
  'terminal',
  'upgrade',
  'services-restart',
  'docker-actions',
];

export function isAgentCapability(name: string): name is AgentCapability {
  return (AGENT_CAPABILITIES as readonly string[]).includes(name);
}

export function isDangerousCapability(name: AgentCapability): boolean {
  return DANGEROUS_CAPABILITIES.includes(name);
}
