import type { ChannelType } from './dto/channel.dto.js';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The secrets a PATCH leaves: key by key over the stored ones (absent keys are kept). Webhook
 * headers are merged by header name as well, since a client is never shown the stored values it
 * would need to send back; a header given as null is removed.
 */
export function mergeSecrets(
  type: ChannelType,
  stored: Record<string, unknown>,
  patch: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...stored, ...patch };
  if (type === 'webhook' && isRecord(patch['headers'])) {
    const headers: Record<string, unknown> = {
      ...(isRecord(stored['headers']) ? stored['headers'] : {}),
      ...patch['headers'],
    };
    for (const [name, value] of Object.entries(headers)) if (value === null) delete headers[name];
    merged['headers'] = headers;
  }
  return merged;
}
