import { z } from 'zod';

/**
 * `/api/v1/servers/:id/info|services|processes|agent-config` (src/hosts): requests relayed to the
 * agent. Bodies and answers are the agent protocol's own shapes (agent/requests.ts).
 */

/** A process id in a route. */
export const pidParam = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, 'must be a positive integer')
  .transform(Number);
