import {
  CONTAINER_CHECKS,
  CONTAINER_CPU_MAX_PERCENT,
  CONTAINER_MEMORY_UNITS,
  CONTAINER_RESTARTS_MAX,
  CONTAINER_WINDOW_MAX_MINUTES,
  containerPatternSchema,
  type ContainerCheck,
  type ContainerCondition,
  type ContainerMemoryUnit,
} from '@hivewatch/protocol';
import type { Operator } from '../../core/hub-types';

export { CONTAINER_CHECKS, CONTAINER_MEMORY_UNITS, type ContainerCheck, type ContainerMemoryUnit };

/** How the editor names each container check. */
export const CONTAINER_CHECK_LABELS: Readonly<Record<ContainerCheck, string>> = {
  'not-running': 'Not running (exited, stopped, restarting…)',
  unhealthy: 'Health check failing (unhealthy)',
  restarts: 'Restarted more than N times in M minutes',
  oom: 'Killed for lack of memory (OOM)',
  cpu: 'CPU over a threshold',
  memory: 'Memory over a threshold',
};

/** The container fields of a condition draft (see ConditionDraft); numbers are null when empty. */
export interface ContainerDraft {
  /** A name or a pattern with * and ?; '' = every container of the server. */
  container: string;
  check: ContainerCheck;
  containerThreshold: number | null;
  memoryUnit: ContainerMemoryUnit;
  restartCount: number | null;
  windowMinutes: number | null;
}

export function newContainerDraft(): ContainerDraft {
  return {
    container: '',
    check: 'not-running',
    containerThreshold: 90,
    memoryUnit: '%',
    restartCount: 3,
    windowMinutes: 10,
  };
}

/** The draft fields of a stored container condition (the operator is shared with metric conditions). */
export function containerDraft(c: ContainerCondition): ContainerDraft & { operator: Operator } {
  const base = newContainerDraft();
  return {
    container: c.container ?? '',
    check: c.check,
    operator: c.operator ?? '>',
    containerThreshold: c.threshold ?? base.containerThreshold,
    memoryUnit: c.unit ?? (c.check === 'memory' ? 'MiB' : base.memoryUnit),
    restartCount: c.count ?? base.restartCount,
    windowMinutes: c.windowMinutes ?? base.windowMinutes,
  };
}

const isInt = (v: number | null, min: number, max: number): v is number =>
  v !== null && Number.isInteger(v) && v >= min && v <= max;

/** Problems of the container fields, keyed `<at>.<field>` like the other conditions. */
export function containerErrors(c: ContainerDraft, at: string, errors: Record<string, string>): void {
  const name = c.container.trim();
  if (name && !containerPatternSchema.safeParse(name).success)
    errors[`${at}.container`] = 'A container name, or a pattern with * and ? (letters, digits, _ . -).';
  if (c.check === 'cpu' || c.check === 'memory') {
    const max = c.check === 'memory' && c.memoryUnit === '%' ? 100 : CONTAINER_CPU_MAX_PERCENT;
    const t = c.containerThreshold;
    if (t === null || !Number.isFinite(t) || t < 0 || t > max)
      errors[`${at}.containerThreshold`] = `A threshold from 0 to ${max}.`;
  }
  if (c.check === 'restarts' && !isInt(c.restartCount, 0, CONTAINER_RESTARTS_MAX))
    errors[`${at}.restartCount`] = `Whole restarts, from 0 to ${CONTAINER_RESTARTS_MAX}.`;
  if (
    (c.check === 'restarts' || c.check === 'oom') &&
    !isInt(c.windowMinutes, 1, CONTAINER_WINDOW_MAX_MINUTES)
  )
    errors[`${at}.windowMinutes`] = `Whole minutes, from 1 to ${CONTAINER_WINDOW_MAX_MINUTES}.`;
}

/** The condition as the hub expects it: only the fields of the chosen check. */
export function containerBody(
  c: ContainerDraft & { operator: Operator },
  durationSeconds: number,
): ContainerCondition {
  const name = c.container.trim();
  const body: ContainerCondition = { kind: 'container', check: c.check, durationSeconds };
  if (name) body.container = name;
  switch (c.check) {
    case 'cpu':
      return { ...body, operator: c.operator, threshold: c.containerThreshold ?? 0 };
    case 'memory':
      return { ...body, operator: c.operator, threshold: c.containerThreshold ?? 0, unit: c.memoryUnit };
    case 'restarts':
      return { ...body, count: c.restartCount ?? 0, windowMinutes: c.windowMinutes ?? 1 };
    case 'oom':
      return { ...body, windowMinutes: c.windowMinutes ?? 1 };
    default:
      return body;
  }
}

function forDuration(seconds: number): string {
  if (seconds === 0) return '';
  return seconds % 60 === 0 ? ` for ${seconds / 60} min` : ` for ${seconds} s`;
}

/** One line, e.g. "container web-* not running for 1 min", "any container restarted > 3× in 10 min". */
export function describeContainerCondition(c: ContainerCondition): string {
  const who = c.container ? `container ${c.container}` : 'any container';
  const dur = forDuration(c.durationSeconds);
  switch (c.check) {
    case 'not-running':
      return `${who} not running${dur}`;
    case 'unhealthy':
      return `${who} unhealthy${dur}`;
    case 'restarts':
      return `${who} restarted more than ${c.count ?? 0}× in ${c.windowMinutes ?? 0} min${dur}`;
    case 'oom':
      return `${who} OOM-killed in the last ${c.windowMinutes ?? 10} min${dur}`;
    case 'cpu':
      return `${who} CPU ${c.operator ?? '>'} ${c.threshold ?? 0} %${dur}`;
    case 'memory':
      return `${who} memory ${c.operator ?? '>'} ${c.threshold ?? 0} ${c.unit ?? 'MiB'}${dur}`;
  }
}
