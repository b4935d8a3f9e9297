import { z } from 'zod';

/** Container alert conditions (`kind: "container"`, src/alerts/container-judge.ts, docs/alerts.md). */

export const CONTAINER_CHECKS = ['not-running', 'unhealthy', 'restarts', 'oom', 'cpu', 'memory'] as const;
export type ContainerCheck = (typeof CONTAINER_CHECKS)[number];

/** `memory` thresholds: percent of the container's memory limit, or an amount (1024-based, as `docker stats`). */
export const CONTAINER_MEMORY_UNITS = ['%', 'MiB', 'GiB'] as const;
export type ContainerMemoryUnit = (typeof CONTAINER_MEMORY_UNITS)[number];
export const CONTAINER_MEMORY_UNIT_BYTES: Readonly<Record<Exclude<ContainerMemoryUnit, '%'>, number>> = {
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
};

/** Restarts and OOM kills are counted over at most the last hour (what the hub keeps of container events). */
export const CONTAINER_WINDOW_MAX_MINUTES = 60;
/** `oom` without `windowMinutes`. */
export const CONTAINER_OOM_DEFAULT_WINDOW_MINUTES = 10;
export const CONTAINER_RESTARTS_MAX = 1000;
/** `cpu`: percent of one CPU (400 = four CPUs busy), as container snapshots report it. */
export const CONTAINER_CPU_MAX_PERCENT = 100_000;

/**
 * A container name (Docker's `[a-zA-Z0-9][a-zA-Z0-9_.-]*`, without the leading slash) or a pattern
 * where `*` matches any run of characters and `?` one character, e.g. `web-*`.
 */
export const containerPatternSchema = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9*?][A-Za-z0-9_.*?-]*$/, {
    error: 'must be a container name or a pattern of letters, digits, _ . - with * and ?',
  });

const THRESHOLD_CHECKS: readonly ContainerCheck[] = ['cpu', 'memory'];
const WINDOW_CHECKS: readonly ContainerCheck[] = ['restarts', 'oom'];

/**
 * One condition over the containers of a server: the rule has one alert per matching container.
 * `not-running`: state is not `running`; `unhealthy`: health is `unhealthy`; `restarts`: restarted
 * more than `count` times within the last `windowMinutes`; `oom`: OOM-killed within the last
 * `windowMinutes` (10 by default); `cpu` / `memory`: the figure compares true against `threshold`.
 * Every check must hold for `durationSeconds`.
 */
export const containerConditionSchema = z
  .object({
    kind: z.literal('container'),
    /** Absent: every container of the server. */
    container: containerPatternSchema.optional(),
    check: z.enum(CONTAINER_CHECKS),
    /** `cpu` and `memory` only; `>` when absent. */
    operator: z.enum(['>', '>=', '<', '<=']).optional(),
    /** `cpu` (percent of one CPU) and `memory` (in `unit`) only. */
    threshold: z.number().finite().min(0).max(CONTAINER_CPU_MAX_PERCENT).optional(),
    /** `memory` only: `%` of the limit (a container without a limit never meets it), `MiB` or `GiB`. */
    unit: z.enum(CONTAINER_MEMORY_UNITS).optional(),
    /** `restarts` only: holds when the container restarted more than `count` times in the window. */
    count: z.number().int().min(0).max(CONTAINER_RESTARTS_MAX).optional(),
    /** `restarts` (required) and `oom`: the window, in minutes. */
    windowMinutes: z.number().int().min(1).max(CONTAINER_WINDOW_MAX_MINUTES).optional(),
    durationSeconds: z.number().int().min(0).max(86_400).default(0),
  })
  .superRefine((c, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    const wantsThreshold = THRESHOLD_CHECKS.includes(c.check);
    if (wantsThreshold && c.threshold === undefined) issue('threshold', `${c.check} needs a threshold`);
    if (!wantsThreshold && (c.threshold !== undefined || c.operator !== undefined))
      issue('threshold', 'threshold and operator are for cpu and memory only');
    if (c.unit !== undefined && c.check !== 'memory') issue('unit', 'unit is for memory only');
    if (c.check === 'memory' && c.unit === '%' && (c.threshold ?? 0) > 100)
      issue('threshold', 'a percentage of the limit is at most 100');
    if (c.count !== undefined && c.check !== 'restarts') issue('count', 'count is for restarts only');
    if (c.check === 'restarts' && c.count === undefined) issue('count', 'restarts needs a count');
    if (c.check === 'restarts' && c.windowMinutes === undefined)
      issue('windowMinutes', 'restarts needs windowMinutes');
    if (c.windowMinutes !== undefined && !WINDOW_CHECKS.includes(c.check))
      issue('windowMinutes', 'windowMinutes is for restarts and oom only');
  });
export type ContainerCondition = z.infer<typeof containerConditionSchema>;

/** Whether a container name matches a condition's `container` (absent: every container). */
export function containerMatches(pattern: string | undefined, name: string): boolean {
  if (pattern === undefined) return true;
  if (!/[*?]/.test(pattern)) return pattern === name;
  const source = pattern.replace(/[.]/g, '\\.').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${source}$`).test(name);
}
