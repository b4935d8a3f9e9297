import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type EntityManager, type Repository } from 'typeorm';
import { HubEvents, type HubTxEventMap } from '../common/events/hub-events.js';
import { TransactionRunner } from '../database/transaction-runner.js';
import type { ActiveAlert, Transition } from './alert-model.js';
import { AlertState } from './alert-state.entity.js';
import type { AlertQuery } from './dto/alert-query.dto.js';

const d = (ms: number | null) => (ms === null ? null : new Date(ms));

/** A transition to store, with the notification it sends (null when it sends none). */
export interface AlertChange {
  transition: Transition;
  notification: HubTxEventMap['alert.notify'] | null;
}

/** alert_states: loads the active episodes at boot and writes each tick's transitions in one transaction. */
@Injectable()
export class AlertStore {
  constructor(
    @InjectRepository(AlertState) private readonly repo: Repository<AlertState>,
    private readonly tx: TransactionRunner,
    private readonly events: HubEvents,
  ) {}

  async loadActive(): Promise<ActiveAlert[]> {
    const rows = await this.repo.findBy({ state: In(['pending', 'firing']) });
    return rows.map((r) => ({
      id: r.id,
      ruleId: r.ruleId,
      ruleName: r.ruleName,
      serverId: r.serverId,
      serverName: r.serverName,
      container: r.container,
      severity: r.severity,
      state: r.state as 'pending' | 'firing',
      startedAt: r.startedAt.getTime(),
      firedAt: r.firedAt?.getTime() ?? null,
      lastNotifiedAt: r.lastNotifiedAt?.getTime() ?? null,
      notificationCount: r.notificationCount,
      value: r.value,
      message: r.message,
      acknowledgedAt: r.acknowledgedAt?.getTime() ?? null,
      acknowledgedBy: r.acknowledgedBy,
      ackComment: r.ackComment,
      snoozedUntil: r.snoozedUntil?.getTime() ?? null,
    }));
  }

  /** The stored episode, or null. */
  find(id: string): Promise<AlertState | null> {
    return this.repo.findOneBy({ id });
  }

  /**
   * Stores the acknowledgement and snooze of a firing alert; false when it is no longer firing
   * (resolved by a tick in the meantime).
   */
  async saveAck(a: ActiveAlert): Promise<boolean> {
    const result = await this.tx.run((m) =>
      m.update(
        AlertState,
        { id: a.id, state: 'firing' },
        {
          acknowledgedAt: d(a.acknowledgedAt),
          acknowledgedBy: a.acknowledgedBy,
          ackComment: a.ackComment,
          snoozedUntil: d(a.snoozedUntil),
        },
      ),
    );
    return (result.affected ?? 0) > 0;
  }

  /**
   * Writes the transitions and publishes each one's notification (`alert.notify`) in the same
   * transaction, where the notifications feature queues its deliveries: a state change and its
   * notifications are stored together or not at all.
   */
  async persist(changes: readonly AlertChange[]): Promise<void> {
    await this.tx.run(async (m) => {
      for (const { transition, notification } of changes) {
        await this.write(m, transition);
        if (notification) await this.events.emitInTransaction('alert.notify', m, notification);
      }
    });
  }

  async history(q: AlertQuery): Promise<{ items: AlertState[]; nextCursor: string | null }> {
    const qb = this.repo
      .createQueryBuilder('a')
      .orderBy('a.startedAt', 'DESC')
      .addOrderBy('a.id', 'DESC')
      .take(q.limit + 1);
    if (q.ruleId) qb.andWhere('a.ruleId = :ruleId', { ruleId: q.ruleId });
    if (q.serverId) qb.andWhere('a.serverId = :serverId', { serverId: q.serverId });
    if (q.state) qb.andWhere('a.state = :state', { state: q.state });
    if (q.from) qb.andWhere('a.startedAt >= :from', { from: q.from.getTime() });
    if (q.to) qb.andWhere('a.startedAt <= :to', { to: q.to.getTime() });
    if (q.cursor) {
      const [at, id] = q.cursor.split('_');
      qb.andWhere('(a.startedAt < :at OR (a.startedAt = :at AND a.id < :id))', { at: Number(at), id });
    }
    const rows = await qb.getMany();
    const items = rows.slice(0, q.limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor: rows.length > q.limit && last ? `${last.startedAt.getTime()}_${last.id}` : null,
    };
  }

  private async write(m: EntityManager, t: Transition): Promise<void> {
    switch (t.type) {
      case 'pending':
        await m.insert(AlertState, this.row(t.alert, 'pending', t.reading.value, t.reading.message));
        return;
      case 'fire': {
        const fields = {
          state: 'firing' as const,
          firedAt: new Date(t.at),
          lastNotifiedAt: t.notify ? new Date(t.at) : null,
          notificationCount: t.alert.notificationCount + (t.notify ? 1 : 0),
          value: t.reading.value,
          message: t.reading.message.slice(0, 500),
        };
        if (!t.created) await m.update(AlertState, { id: t.alert.id }, fields);
        else
          await m.insert(AlertState, {
            ...this.row(t.alert, 'firing', t.reading.value, t.reading.message),
            ...fields,
          });
        return;
      }
      case 'renotify':
        await m.update(
          AlertState,
          { id: t.alert.id },
          {
            lastNotifiedAt: new Date(t.at),
            notificationCount: t.alert.notificationCount + 1,
            value: t.reading.value,
          },
        );
        return;
      case 'cancel':
        await m.delete(AlertState, { id: t.alert.id });
        return;
      case 'resolve':
        await m.update(
          AlertState,
          { id: t.alert.id },
          {
            state: 'resolved',
            resolvedAt: new Date(t.at),
            resolution: t.reason.slice(0, 100),
            // a resolved alert is neither acknowledged nor snoozed: a re-fire starts a new episode
            acknowledgedAt: null,
            acknowledgedBy: null,
            ackComment: null,
            snoozedUntil: null,
            ...(t.reading ? { value: t.reading.value } : {}),
          },
        );
        return;
    }
  }

  private row(
    a: ActiveAlert,
    state: 'pending' | 'firing',
    value: number | null,
    message: string,
  ): AlertState {
    return {
      id: a.id,
      ruleId: a.ruleId,
      ruleName: a.ruleName.slice(0, 100),
      serverId: a.serverId,
      serverName: a.serverName.slice(0, 100),
      container: a.container ?? null,
      state,
      severity: a.severity,
      startedAt: new Date(a.startedAt),
      firedAt: d(a.firedAt),
      resolvedAt: null,
      lastNotifiedAt: d(a.lastNotifiedAt),
      notificationCount: a.notificationCount,
      value,
      message: message.slice(0, 500),
      resolution: null,
      acknowledgedAt: null,
      acknowledgedBy: null,
      ackComment: null,
      snoozedUntil: null,
    };
  }
}
