import type { TerminalEndReason } from '@hivewatch/protocol';

const REASONS: Record<TerminalEndReason, string> = {
  user: 'closed by a user or an admin',
  exited: 'the shell exited',
  'idle-timeout': 'idle timeout',
  'max-duration': 'maximum session duration reached',
  'capability-removed': 'the terminal capability was removed from this host',
  'hub-gone': 'the agent lost its connection to the hub',
  'signed-out': 'the user signed out',
  'agent-shutdown': 'the agent stopped',
  'spawn-failed': 'the shell could not be started',
};

/** Why a terminal session ended, in words (the live tab and Administration → Sessions). */
export function endReasonText(reason: TerminalEndReason | null): string {
  return reason ? (REASONS[reason] ?? reason) : '—';
}
