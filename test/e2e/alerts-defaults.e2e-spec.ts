import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { RestartableHub } from '../support/agents/hub.js';
import { signIn } from '../support/http.js';

interface RuleBody {
  id: string;
  name: string;
  origin: string;
  severity: string;
  enabled: boolean;
  conditions: Record<string, unknown>[];
  notificationGroupId: string | null;
  scope: { mode: string };
}

describe('default alert rules: created on the first start only', () => {
  const hub = new RestartableHub();
  let cookie: string;

  beforeAll(async () => {
    await hub.start();
    cookie = await signIn(hub as never);
  });
  afterAll(async () => {
    await hub.dispose();
  });

  const rules = async () =>
    (await request(hub.url).get('/api/v1/alert-rules').set('Cookie', cookie).expect(200)).body as RuleBody[];

  it('a fresh hub has the three default rules, on every server, tied to no channel', async () => {
    const list = await rules();
    expect(list.map((r) => [r.name, r.origin, r.severity, r.conditions])).toEqual([
      [
        'Disk over 90 %',
        'default',
        'warning',
        [expect.objectContaining({ metric: 'disk', operator: '>', threshold: 90, durationSeconds: 600 })],
      ],
      [
        'Memory over 95 %',
        'default',
        'warning',
        [expect.objectContaining({ metric: 'mem', operator: '>', threshold: 95, durationSeconds: 600 })],
      ],
      ['Server offline', 'default', 'critical', [{ kind: 'offline', seconds: 120 }]],
    ]);
    for (const r of list)
      expect(r).toMatchObject({ enabled: true, notificationGroupId: null, scope: { mode: 'all' } });
  });

  it('defaults are editable and deletable, and a deleted default does not come back after a restart', async () => {
    const [disk, memory, offline] = await rules();
    await request(hub.url).delete(`/api/v1/alert-rules/${memory!.id}`).set('Cookie', cookie).expect(204);
    const edited = await request(hub.url)
      .patch(`/api/v1/alert-rules/${offline!.id}`)
      .set('Cookie', cookie)
      .send({ conditions: [{ kind: 'offline', seconds: 300 }] })
      .expect(200);
    expect(edited.body).toMatchObject({ origin: 'default', conditions: [{ kind: 'offline', seconds: 300 }] });

    await hub.stop();
    await hub.start();
    cookie = await signIn(hub as never);
    const after = await rules();
    expect(after.map((r) => r.id)).toEqual([disk!.id, offline!.id]);
    expect(after[1]).toMatchObject({ conditions: [{ kind: 'offline', seconds: 300 }] });

    // even with every default gone, none is created again
    for (const r of after)
      await request(hub.url).delete(`/api/v1/alert-rules/${r.id}`).set('Cookie', cookie).expect(204);
    await hub.stop();
    await hub.start();
    cookie = await signIn(hub as never);
    expect(await rules()).toEqual([]);
  }, 60_000);
});
