import type { DockerAction, DockerState } from '@hivewatch/protocol';

/** Actions that make sense in each state, in the order the drawer shows them (remove last). */
const BY_STATE: Readonly<Record<DockerState, readonly DockerAction[]>> = {
  running: ['stop', 'restart', 'pause', 'remove'],
  paused: ['unpause', 'stop', 'remove'],
  restarting: ['stop', 'remove'],
  created: ['start', 'remove'],
  exited: ['start', 'remove'],
  dead: ['remove'],
  removing: [],
};

/** Seed-001 agents (simple dialect) carry only these. */
const SIMPLE: readonly DockerAction[] = ['start', 'stop', 'restart', 'remove'];

export function actionsFor(state: DockerState, simpleDialect: boolean): DockerAction[] {
  return BY_STATE[state].filter((a) => !simpleDialect || SIMPLE.includes(a));
}

/** What the confirmation says each action does. */
export const ACTION_TEXT: Readonly<Record<DockerAction, { label: string; warning: string }>> = {
  start: { label: 'Start', warning: 'starts the container again.' },
  stop: { label: 'Stop', warning: 'stops the container (SIGTERM, then SIGKILL after its timeout).' },
  restart: { label: 'Restart', warning: 'stops the container and starts it again.' },
  pause: { label: 'Pause', warning: 'freezes every process of the container until it is unpaused.' },
  unpause: { label: 'Unpause', warning: 'lets the container’s processes run again.' },
  remove: {
    label: 'Remove',
    warning: 'deletes the container and its writable layer. This cannot be undone.',
  },
};
