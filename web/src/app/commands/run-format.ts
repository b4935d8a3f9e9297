import {
  COMMAND_TARGET_STATES,
  type CommandRun,
  type CommandTarget,
  type CommandTargetState,
} from '@hivewatch/protocol';
import type { StreamView } from './run-view';

/** Badge class of a run or target state: green done, red failed, blue under way, grey never ran. */
export function stateClass(state: CommandTargetState | CommandRun['state']): string {
  switch (state) {
    case 'ok':
    case 'done':
      return 'badge on';
    case 'failed':
    case 'timed_out':
    case 'denied':
      return 'badge';
    case 'queued':
    case 'sent':
    case 'running':
      return 'badge sev-info';
    case 'offline':
    case 'cancelled':
      return 'tag';
  }
}

export const stateLabel = (state: string): string => state.replace('_', ' ');

/** The run's counts in the states' own order, e.g. `[['ok', 2], ['failed', 1]]`. */
export function countsOf(run: CommandRun): [CommandTargetState, number][] {
  return COMMAND_TARGET_STATES.filter((s) => (run.counts[s] ?? 0) > 0).map((s) => [s, run.counts[s] ?? 0]);
}

export function targetCount(run: CommandRun): number {
  return Object.values(run.counts).reduce((a, b) => a + (b ?? 0), 0);
}

/** How long the command ran (or has been running), e.g. `3.2 s`, `4 min 05 s`. */
export function runDuration(t: CommandTarget, now = Date.now()): string {
  const from = t.startedAt ?? t.sentAt;
  if (!from) return '—';
  const ms = (t.endedAt ? Date.parse(t.endedAt) : now) - Date.parse(from);
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

export const hasText = (s: StreamView): boolean => s.head.length + s.tail.length > 0;
