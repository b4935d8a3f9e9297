import type { Sample } from '../records/sample.js';
import type { Condition, MetricCondition } from './dto/alert-rule.dto.js';
import type { EvaluatorInputs, Reading } from './alert-model.js';
import { describeContainer, foldContainer } from './container-judge.js';
import type { ContainerView } from './container-view.js';
import { compare, METRICS, metricLabel, thresholdInBaseUnit } from './metric-readers.js';

/** The container an alert is about (container conditions), with the server's containers now. */
export interface Subject {
  name: string;
  serverName: string;
  /** Undefined: not judged now (no fresh snapshot). */
  view: ContainerView | undefined;
}

/** Incremental state of one sample-based condition for one server. */
export interface Track {
  /** Time of the first sample of the current run of samples meeting the condition; null: not met. */
  since: number | null;
  /** Receive time of the newest sample folded in. */
  lastTime: number;
  lastValue: number | null;
  /** `restarts` container checks only: [collection time, restartCount], one entry per change. */
  restartLog?: [number, number][];
}

export const newTrack = (): Track => ({ since: null, lastTime: -Infinity, lastValue: null });

/** holds: met over its whole duration; building: met now, not long enough; unknown: no fresh data. */
export type Verdict = 'holds' | 'building' | 'clear' | 'unknown';

export interface Judgement {
  verdict: Verdict;
  reading: Reading;
}

const BYTES: Record<string, number> = { B: 1, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

/** How a sample-based condition reads a sample: its value (for messages) and whether it is met. */
interface Probe {
  read(s: Sample): number | null;
  ok(s: Sample, value: number | null): boolean;
}

/**
 * Folds the samples newer than the track into it. Gap rule: when two consecutive samples (or the
 * newest sample and now) are more than `gapMs` apart, the run is broken: it restarts at the next
 * sample, and with no sample within `gapMs` of now the condition is not judged at all.
 */
export function fold(track: Track, samples: readonly Sample[], gapMs: number, probe: Probe): void {
  let i = samples.length;
  while (i > 0 && samples[i - 1]!.receivedAt > track.lastTime) i--;
  for (; i < samples.length; i++) {
    const s = samples[i]!;
    if (s.receivedAt - track.lastTime > gapMs) track.since = null;
    const value = probe.read(s);
    if (!probe.ok(s, value)) track.since = null;
    else if (track.since === null) track.since = s.receivedAt;
    track.lastValue = value;
    track.lastTime = s.receivedAt;
  }
}

function metricProbe(c: MetricCondition): Probe {
  const def = METRICS[c.metric];
  const threshold = thresholdInBaseUnit(c);
  return {
    read: (s) => def.read(s, c) ?? null,
    ok: (_s, v) => v !== null && threshold !== undefined && compare(v, c.operator, threshold),
  };
}

function serviceProbe(service: string): Probe {
  return {
    read: () => null,
    ok: (s) => {
      const svc = s.watchedServices?.find((w) => w.name === service);
      return svc !== undefined && svc.activeState !== 'active';
    },
  };
}

const probes = new WeakMap<Condition, Probe>();
function probeOf(c: Condition & { kind: 'metric' | 'service' }): Probe {
  let probe = probes.get(c);
  if (!probe) {
    probe = c.kind === 'metric' ? metricProbe(c) : serviceProbe(c.service);
    probes.set(c, probe);
  }
  return probe;
}

/** Judges one condition of one server at `now`; `track` is used by sample-based conditions only. */
export function judge(
  c: Condition,
  serverId: string,
  track: Track | undefined,
  inputs: EvaluatorInputs,
  now: number,
  gapMs: number,
  subject?: Subject,
): Verdict {
  switch (c.kind) {
    case 'container': {
      if (!subject?.view) return 'unknown';
      const t = track!;
      foldContainer(t, c, subject.view, subject.name, gapMs);
      if (now - t.lastTime > gapMs) return 'unknown';
      if (t.since === null) return 'clear';
      return t.lastTime - t.since >= c.durationSeconds * 1000 ? 'holds' : 'building';
    }
    case 'metric':
    case 'service': {
      const t = track!;
      fold(t, inputs.samples(serverId), gapMs, probeOf(c));
      if (now - t.lastTime > gapMs) return 'unknown';
      if (t.since === null) return 'clear';
      return t.lastTime - t.since >= c.durationSeconds * 1000 ? 'holds' : 'building';
    }
    case 'offline': {
      const since = inputs.offlineSince(serverId);
      if (since === null) return 'clear';
      return now - since >= c.seconds * 1000 ? 'holds' : 'building';
    }
    case 'traffic': {
      const usage = inputs.cycleUsage(serverId, now);
      if (!usage) return 'unknown';
      const used = trafficUsed(c.direction, usage);
      return used >= c.quota * BYTES[c.unit]! ? 'holds' : 'clear';
    }
  }
}

function trafficUsed(direction: 'in' | 'out' | 'total', u: { inBytes: number; outBytes: number }): number {
  return direction === 'in' ? u.inBytes : direction === 'out' ? u.outBytes : u.inBytes + u.outBytes;
}

const round = (v: number) => Math.round(v * 100) / 100;

/** The reading that describes an alert: its first condition, with the latest value. */
export function describe(
  c: Condition,
  serverId: string,
  track: Track | undefined,
  inputs: EvaluatorInputs,
  now: number,
  subject?: Subject,
): Reading {
  switch (c.kind) {
    case 'container':
      return describeContainer(c, subject?.name ?? '', subject?.serverName ?? '', track, subject?.view);
    case 'metric': {
      const def = METRICS[c.metric];
      const value = track?.lastValue ?? null;
      const unit = c.unit ?? def.unit;
      const shown = value === null ? 'n/a' : `${round(value)} ${def.unit}`;
      const dur = c.durationSeconds > 0 ? ` for ${c.durationSeconds} s` : '';
      return {
        metric: metricLabel(c),
        value: value === null ? null : round(value),
        threshold: c.threshold,
        unit,
        message: `${metricLabel(c)} ${shown} ${c.operator} ${c.threshold} ${unit}${dur}`,
      };
    }
    case 'service':
      return {
        metric: `service ${c.service}`,
        value: null,
        threshold: null,
        unit: '',
        message: `service ${c.service} is not active${c.durationSeconds > 0 ? ` for ${c.durationSeconds} s` : ''}`,
      };
    case 'offline': {
      const since = inputs.offlineSince(serverId);
      const secs = since === null ? 0 : Math.round((now - since) / 1000);
      return {
        metric: 'offline',
        value: secs,
        threshold: c.seconds,
        unit: 's',
        message: `offline for ${secs} s (threshold ${c.seconds} s)`,
      };
    }
    case 'traffic': {
      const usage = inputs.cycleUsage(serverId, now);
      const used = usage ? round(trafficUsed(c.direction, usage) / BYTES[c.unit]!) : null;
      return {
        metric: `traffic ${c.direction}`,
        value: used,
        threshold: c.quota,
        unit: c.unit,
        message: `traffic ${c.direction} ${used ?? 'n/a'} ${c.unit} of ${c.quota} ${c.unit} this cycle`,
      };
    }
  }
}
