import { randomUUID } from 'node:crypto';
import type { ActiveAlert, EvalRule, EvalServer } from './alert-model.js';
import { SERVER_SUBJECT } from './alert-subjects.js';

/** A new pending alert of a (rule, server), or of a (rule, server, container) when `subject` is a container. */
export function newAlert(
  rule: EvalRule,
  server: EvalServer,
  subject: string,
  now: number,
  value: number | null,
): ActiveAlert {
  return {
    id: randomUUID(),
    ruleId: rule.id,
    ruleName: rule.name,
    serverId: server.id,
    serverName: server.name,
    container: subject === SERVER_SUBJECT ? null : subject,
    severity: rule.severity,
    state: 'pending',
    startedAt: now,
    firedAt: null,
    lastNotifiedAt: null,
    notificationCount: 0,
    value,
    message: '',
    acknowledgedAt: null,
    acknowledgedBy: null,
    ackComment: null,
    snoozedUntil: null,
  };
}

/**
 * A firing alert not notified yet (silence ended) is notified now; `repeat` re-notifies on its
 * interval. An acknowledged alert sends nothing more until it resolves; a snoozed one nothing
 * before its snooze ends (then what is due is sent).
 */
export function renotifyDue(rule: EvalRule, alert: ActiveAlert, now: number, silenced: boolean): boolean {
  if (silenced) return false;
  if (alert.acknowledgedAt !== null) return false;
  if (alert.snoozedUntil !== null && now < alert.snoozedUntil) return false;
  if (alert.lastNotifiedAt === null) return true;
  if (rule.trigger !== 'repeat' || rule.repeatMinutes === null) return false;
  return now - alert.lastNotifiedAt >= rule.repeatMinutes * 60_000;
}
