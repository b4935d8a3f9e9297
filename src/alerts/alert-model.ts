import type { ActiveAlert } from '@hivewatch/protocol';
import type { Condition, RuleScope, SilenceWindow } from './dto/alert-rule.dto.js';
import type { ContainerInputs } from './container-view.js';
import type { ScopedServer } from './scope.js';
import type { Sample } from '../records/sample.js';

/** A rule as the evaluator sees it (`version` changes on every edit). */
export interface EvalRule {
  id: string;
  name: string;
  enabled: boolean;
  severity: 'info' | 'warning' | 'critical';
  conditions: Condition[];
  scope: RuleScope;
  trigger: 'once' | 'repeat';
  repeatMinutes: number | null;
  notificationGroupId: string | null;
  silence: SilenceWindow | null;
  version: number;
}

export type EvalServer = ScopedServer;

/** A pending or firing alert, held in memory and mirrored in alert_states; the wire shape of `GET /alerts/active`. */
export type { ActiveAlert } from '@hivewatch/protocol';

/** What the evaluator reads; every call is in-memory. */
export interface EvaluatorInputs {
  /** Live samples of the server, oldest first. */
  samples(serverId: string): readonly Sample[];
  /** Since when the server is offline; null when online or never seen. */
  offlineSince(serverId: string): number | null;
  /** Current billing-cycle traffic, bytes; undefined while not known yet. */
  cycleUsage(serverId: string, now: number): { inBytes: number; outBytes: number } | undefined;
  /** Whether notifications of this rule are held back now (rule or notification-group silence). */
  silenced(rule: EvalRule, now: number): boolean;
  /** Docker snapshots and events (container conditions); without them those are never judged. */
  containers?: ContainerInputs;
}

/** Details of the condition that describes an alert (the first one). */
export interface Reading {
  metric: string;
  value: number | null;
  threshold: number | null;
  unit: string;
  message: string;
}

export type Transition =
  | { type: 'pending'; alert: ActiveAlert; rule: EvalRule; reading: Reading }
  | {
      type: 'fire';
      alert: ActiveAlert;
      rule: EvalRule;
      reading: Reading;
      notify: boolean;
      at: number;
      /** True when the alert fires without a stored pending episode (duration 0). */
      created: boolean;
    }
  | { type: 'renotify'; alert: ActiveAlert; rule: EvalRule; reading: Reading; at: number }
  | { type: 'cancel'; alert: ActiveAlert }
  | {
      type: 'resolve';
      alert: ActiveAlert;
      rule: EvalRule | undefined;
      reading: Reading | null;
      reason: string;
      notify: boolean;
      at: number;
    };

/** One alert per (rule, server), or per (rule, server, container) for container conditions. */
export const alertKey = (ruleId: string, serverId: string, container?: string | null) =>
  container ? `${ruleId}|${serverId}|${container}` : `${ruleId}|${serverId}`;
