import { type HostRequestErrorCode, SYSTEMD_UNAVAILABLE_OUTPUT, WireMessage } from '@hivewatch/protocol';

/**
 * The code of an agent's refusal of a host request: the one the agent sent, or else the one its
 * message means. Agents that send only text — seed 002's, and ours before codes existed ("systemd
 * is not available on this host", or systemctl's own words relayed) — are recognised here and
 * nowhere else, so the console only ever reads the code.
 */
export function hostRequestErrorCode(
  message: string,
  sent: HostRequestErrorCode | undefined,
): HostRequestErrorCode | undefined {
  if (sent !== undefined) return sent;
  if (message === WireMessage.SystemdUnavailable || SYSTEMD_UNAVAILABLE_OUTPUT.test(message))
    return 'systemd-unavailable';
  return undefined;
}
