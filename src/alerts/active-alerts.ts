import { alertKey, type ActiveAlert, type Transition } from './alert-model.js';

/** Applies a committed transition to the in-memory active set (mirrors AlertStore's writes). */
export function applyTransition(active: Map<string, ActiveAlert>, t: Transition): void {
  const key = alertKey(t.alert.ruleId, t.alert.serverId, t.alert.container);
  switch (t.type) {
    case 'pending':
      t.alert.value = t.reading.value;
      t.alert.message = t.reading.message;
      active.set(key, t.alert);
      return;
    case 'fire':
      t.alert.state = 'firing';
      t.alert.firedAt = t.at;
      t.alert.lastNotifiedAt = t.notify ? t.at : null;
      t.alert.notificationCount += t.notify ? 1 : 0;
      t.alert.value = t.reading.value;
      t.alert.message = t.reading.message;
      active.set(key, t.alert);
      return;
    case 'renotify':
      t.alert.lastNotifiedAt = t.at;
      t.alert.notificationCount++;
      t.alert.value = t.reading.value;
      return;
    case 'cancel':
    case 'resolve':
      active.delete(key);
      return;
  }
}
