// zod-free: the agent loads this (agent-runtime.ts).

/**
 * Machine-readable reasons for an agent's refusal of a host request (services, processes, …), so
 * the console can tell a fact about the host from a failure without reading the message text.
 * - `systemd-unavailable`: the host does not run systemd (PID 1 is something else, or no bus).
 */
export const HOST_REQUEST_ERROR_CODES = ['systemd-unavailable'] as const;

/** What systemctl and journalctl print when PID 1 is not systemd or its bus is unreachable. */
export const SYSTEMD_UNAVAILABLE_OUTPUT =
  /not been booted with systemd|Failed to connect to bus|Host is down|System has not been booted/i;
