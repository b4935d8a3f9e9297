import { BadRequestException, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service.js';
import type { ActorContext } from '../common/auth/actor-context.js';
import { Clock } from '../common/auth/clock.js';
import { ConflictError, EntityNotFoundError } from '../common/errors/domain-errors.js';
import { HubEvents } from '../common/events/hub-events.js';
import type { ActiveAlert } from './alert-model.js';
import { browserNotice } from './alert-notices.js';
import { AlertStore } from './alert-store.js';
import { AlertsService } from './alerts.service.js';
import {
  SNOOZE_MAX_MINUTES,
  type AcknowledgeAlertInput,
  type SnoozeAlertInput,
} from './dto/alert-query.dto.js';

type AckUpdate = 'acknowledged' | 'snoozed' | 'unsnoozed';
const AUDIT_ACTION: Record<AckUpdate, string> = {
  acknowledged: 'alert.acknowledge',
  snoozed: 'alert.snooze',
  unsnoozed: 'alert.unsnooze',
};

/**
 * Acknowledging and snoozing firing alerts. The evaluator reads both from the in-memory alert
 * (no repeat notification while acknowledged or snoozed); they are stored on its alert_states row,
 * audited, and published as `alert.changed` with `update` set. Resolving clears both.
 */
@Injectable()
export class AlertAcksService {
  constructor(
    private readonly alerts: AlertsService,
    private readonly store: AlertStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly events: HubEvents,
  ) {}

  async acknowledge(id: string, input: AcknowledgeAlertInput, ctx: ActorContext): Promise<ActiveAlert> {
    const alert = await this.firing(id);
    const comment = input.comment ? input.comment : null;
    return this.change(alert, ctx, 'acknowledged', {
      acknowledgedAt: this.clock.now(),
      acknowledgedBy: usernameOf(ctx),
      ackComment: comment,
    });
  }

  async snooze(id: string, input: SnoozeAlertInput, ctx: ActorContext): Promise<ActiveAlert> {
    const alert = await this.firing(id);
    const now = this.clock.now();
    const until = 'minutes' in input ? now + input.minutes * 60_000 : input.until.getTime();
    if (until <= now) throw new BadRequestException('until must be in the future');
    if (until > now + SNOOZE_MAX_MINUTES * 60_000)
      throw new BadRequestException('a snooze lasts 30 days at most');
    return this.change(alert, ctx, 'snoozed', { snoozedUntil: until });
  }

  async unsnooze(id: string, ctx: ActorContext): Promise<ActiveAlert> {
    const alert = await this.firing(id);
    return this.change(alert, ctx, 'unsnoozed', { snoozedUntil: null });
  }

  private async firing(id: string): Promise<ActiveAlert> {
    const alert = this.alerts.activeAlert(id);
    if (alert?.state === 'firing') return alert;
    if (alert || (await this.store.find(id))) throw new ConflictError(`alert ${id} is not firing`);
    throw new EntityNotFoundError('alert', id);
  }

  private async change(
    alert: ActiveAlert,
    ctx: ActorContext,
    update: AckUpdate,
    fields: Partial<Pick<ActiveAlert, 'acknowledgedAt' | 'acknowledgedBy' | 'ackComment' | 'snoozedUntil'>>,
  ): Promise<ActiveAlert> {
    const next: ActiveAlert = { ...alert, ...fields };
    if (!(await this.store.saveAck(next))) throw new ConflictError(`alert ${alert.id} is not firing`);
    // the evaluator holds this object: it sees the change at its next tick
    Object.assign(alert, fields);
    await this.audit.record({
      ...ctx,
      action: AUDIT_ACTION[update],
      target: { type: 'alert', id: alert.id },
      detail: {
        rule: alert.ruleName,
        server: alert.serverName,
        ...(update === 'acknowledged' ? { comment: alert.ackComment } : {}),
        ...(update === 'snoozed' ? { until: new Date(alert.snoozedUntil!).toISOString() } : {}),
      },
    });
    this.events.emit(
      'alert.changed',
      browserNotice(alert, 'triggered', alert.message, alert.value, this.clock.now(), update),
    );
    return alert;
  }
}

function usernameOf(ctx: ActorContext): string {
  const a = ctx.actor;
  return ('username' in a ? a.username : (a.name ?? a.via)).slice(0, 100);
}
