import { describe, expect, it } from '@jest/globals';
import { AlertEvaluator } from './alert-evaluator.js';
import type { EvalRule, EvalServer, Transition } from './alert-model.js';
import { notificationOf } from './alert-notices.js';
import type { AlertChange } from './alert-store.js';
import { DEFAULT_RULES } from './default-rules.js';
import { STORM_THRESHOLD, summarizeStorms } from './notification-storm.js';

const T0 = Date.UTC(2030, 0, 1, 12, 0, 0);
const offlineRule: EvalRule = {
  ...DEFAULT_RULES.find((r) => r.name === 'Server offline')!,
  id: 'offline-rule',
  notificationGroupId: 'ops',
  version: 1,
};
const serversOf = (n: number): EvalServer[] =>
  Array.from({ length: n }, (_, i) => ({ id: `s${i}`, name: `web-${i}`, groupId: null, tags: [] }));

/** One tick of the real evaluator after `servers` all went offline 5 minutes ago, as changes to store. */
function offlineTick(servers: EvalServer[], rule = offlineRule): AlertChange[] {
  const evaluator = new AlertEvaluator(
    {
      samples: () => [],
      offlineSince: () => T0 - 300_000,
      cycleUsage: () => undefined,
      silenced: () => false,
    },
    30_000,
  );
  return evaluator.evaluate(T0, [rule], servers, new Map()).map((t: Transition) => ({
    transition: t,
    notification:
      t.type === 'fire'
        ? {
            alertId: t.alert.id,
            groupId: rule.notificationGroupId,
            message: notificationOf(t.alert, 'firing', t.reading, t.at, 'https://hive.test'),
          }
        : null,
  }));
}
const sent = (changes: AlertChange[]) => changes.filter((c) => c.notification !== null);

describe('notification storms: many alerts of one rule at once send one summary', () => {
  it('10,000 servers going offline at once queue one notification, not 10,000', () => {
    const changes = offlineTick(serversOf(10_000));
    expect(changes.filter((c) => c.transition.type === 'fire')).toHaveLength(10_000);
    const out = summarizeStorms(changes);
    expect(out).toHaveLength(10_000); // every alert is still stored
    const [summary] = sent(out);
    expect(sent(out)).toHaveLength(1);
    expect(summary!.notification).toMatchObject({
      groupId: 'ops',
      alertId: changes[0]!.notification!.alertId,
      message: {
        state: 'firing',
        rule: 'Server offline',
        server: '10000 servers',
        serverId: '',
        link: 'https://hive.test/alerts',
      },
    });
    expect(summary!.notification!.message.message).toBe(
      `firing on 10000 servers at once: ${serversOf(10)
        .map((s) => s.name)
        .join(', ')} and 9990 more`,
    );
  });

  it(`up to ${STORM_THRESHOLD} alerts are notified one by one`, () => {
    const changes = offlineTick(serversOf(STORM_THRESHOLD));
    expect(summarizeStorms(changes)).toEqual(changes);
    expect(sent(summarizeStorms(offlineTick(serversOf(STORM_THRESHOLD + 1))))).toHaveLength(1);
  });

  it('storms are counted per notification group, rule and state; alerts without a group are left alone', () => {
    const other = offlineTick(serversOf(3), { ...offlineRule, id: 'other', notificationGroupId: 'dev' });
    const noGroup = offlineTick(serversOf(50), { ...offlineRule, id: 'quiet', notificationGroupId: null });
    const out = summarizeStorms([...offlineTick(serversOf(50)), ...other, ...noGroup]);
    expect(sent(out).map((c) => [c.notification!.groupId, c.notification!.message.server])).toEqual([
      ['ops', '50 servers'],
      ['dev', 'web-0'],
      ['dev', 'web-1'],
      ['dev', 'web-2'],
      // no group: nothing is queued for them (DeliveryQueue.enqueueForGroup), so nothing to summarize
      ...serversOf(50).map((s) => [null, s.name]),
    ]);
  });
});
