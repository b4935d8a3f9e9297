import { z } from 'zod';
import { HOST_REQUEST_ERROR_CODES } from './host-request-error-codes.js';

export * from './host-request-error-codes.js';

export const hostRequestErrorCodeSchema = z.enum(HOST_REQUEST_ERROR_CODES);
export type HostRequestErrorCode = z.infer<typeof hostRequestErrorCodeSchema>;

/**
 * An agent's `status:"error"` answer to a host request: seed 002's `{status, message}`, plus `code`
 * (extension: our agent sets it; a seed-002 agent never does, and the hub derives it from the
 * message then). The hub passes the code on unchanged as the REST error's `code`.
 */
export const hostRequestErrorSchema = z.object({
  status: z.literal('error'),
  message: z.string(),
  code: hostRequestErrorCodeSchema.optional().describe('extension: why, machine-readable'),
});
export type HostRequestError = z.infer<typeof hostRequestErrorSchema>;
