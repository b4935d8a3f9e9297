import { z } from 'zod';
import { AGENT_CAPABILITIES, type AgentCapability } from './capability-names.js';

export {
  AGENT_CAPABILITIES,
  DANGEROUS_CAPABILITIES,
  isAgentCapability,
  isDangerousCapability,
  type AgentCapability,
} from './capability-names.js';

/** One of {@link AGENT_CAPABILITIES}. */
export const agentCapabilitySchema = z.enum(AGENT_CAPABILITIES);

/**
 * The known capabilities from an agent's advertised list, in canonical order and without duplicates.
 * Unknown names (a newer agent) are ignored rather than rejected.
 */
export function knownCapabilities(advertised: readonly string[]): AgentCapability[] {
  return AGENT_CAPABILITIES.filter((name) => advertised.includes(name));
}
