/**
 * Error strings that travel on the wire. They are part of the contract (third-party agents and
 * scripts match on them), so they are used verbatim and never reworded.
 */
export const WireMessage = {
  /** Any unparseable or schema-violating frame (seed 001). */
  InvalidMessageFormat: 'Invalid message format',
  /** Envelope `authenticate` with a wrong agent_id/token or enrollment key. */
  InvalidAgentCredentials: 'Invalid agent credentials',
  /** Simple-dialect `auth` with a wrong api_key (seed 001). */
  InvalidApiKey: 'Invalid or inactive API key',
  /** Agent refusing a service action on a host without systemd. */
  SystemdUnavailable: 'systemd is not available on this host',
  /** Connection-success message of the simple dialect (seed 001). */
  ConnectedSuccessfully: 'Connected successfully',
} as const;

export type WireMessage = (typeof WireMessage)[keyof typeof WireMessage];

/** The agent's refusal of a request whose capability is off in its local config. */
export function capabilityDisabledMessage(capability: string): string {
  return `capability '${capability}' is disabled on this host`;
}

/** The reply to a frame whose `action` (envelope) or `type` (simple) is not known. */
export function unknownActionMessage(action: string): string {
  return `Unknown action '${action}'`;
}
