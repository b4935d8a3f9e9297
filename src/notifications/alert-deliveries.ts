import { Injectable } from '@nestjs/common';
import { HubEvents } from '../common/events/hub-events.js';
import { DeliveryQueue } from './delivery-queue.js';

/**
 * Queues an alert's notifications for its group's channels (`alert.notify`) inside the transaction
 * that stores the alert state change: both are committed together or not at all.
 */
@Injectable()
export class AlertDeliveries {
  constructor(events: HubEvents, queue: DeliveryQueue) {
    // Subscribed for the application's lifetime, never removed on module destroy: an evaluation
    // still running during shutdown must queue its notifications in its transaction, not drop them.
    events.onTransaction('alert.notify', async (manager, n) => {
      await queue.enqueueForGroup(manager, n.groupId, n.message, n.alertId);
    });
  }
}
