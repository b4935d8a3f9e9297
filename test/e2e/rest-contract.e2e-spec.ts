import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  alertPageSchema,
  alertRuleSchema,
  apiKeySchema,
  auditPageSchema,
  channelSchema,
  createdApiKeySchema,
  createdEnrollmentKeySchema,
  deliveryPageSchema,
  attemptPageSchema,
  enrollmentKeySchema,
  groupSchema,
  historySchema,
  meSchema,
  notificationGroupSchema,
  retentionViewSchema,
  serverListSchema,
  serverSchema,
  serverWithTokenSchema,
  tagCountSchema,
  trafficHistorySchema,
  trafficUsageSchema,
  userSchema,
  hubErrorSchema,
  accountSecuritySchema,
  authSettingsSchema,
  loginResultSchema,
} from '@hivewatch/protocol';
import request from 'supertest';
import { z } from 'zod';
import { signIn } from '../support/http.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

/**
 * The hub answers with the shared contract (libs/protocol/src/api): every response the console
 * reads parses with its protocol schema, and carries no field the schema does not declare (a
 * leaked column such as a hash would fail here).
 */
function strict(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodObject) {
    const shape = Object.fromEntries(
      Object.entries(schema.shape as Record<string, z.ZodType>).map(([k, v]) => [k, strict(v)]),
    );
    return z.strictObject(shape);
  }
  if (schema instanceof z.ZodArray) return z.array(strict(schema.element as z.ZodType));
  if (schema instanceof z.ZodNullable) return strict(schema.unwrap() as z.ZodType).nullable();
  return schema;
}

function conforms(schema: z.ZodType, body: unknown): string[] {
  const result = strict(schema).safeParse(body);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('REST answers follow the protocol schemas', () => {
  let hub: TestApp;
  let admin: string;
  const api = () => request(hub.url);
  const get = async (path: string) =>
    (await api().get(path).set('Cookie', admin).expect(200)).body as unknown;

  beforeAll(async () => {
    hub = await startTestApp();
    admin = await signIn(hub);
  });
  afterAll(async () => {
    await hub.close();
  });

  it('servers, groups, tags and enrollment keys', async () => {
    const group = await api().post('/api/v1/groups').set('Cookie', admin).send({ name: 'prod' }).expect(201);
    expect(conforms(groupSchema, group.body)).toEqual([]);
    const created = await api()
      .post('/api/v1/servers')
      .set('Cookie', admin)
      .send({ name: 'web-1', groupId: group.body.id, tags: ['env:prod'] })
      .expect(201);
    expect(conforms(serverWithTokenSchema, created.body)).toEqual([]);
    const id = created.body.server.id as string;
    expect(conforms(serverSchema, await get(`/api/v1/servers/${id}`))).toEqual([]);
    expect(conforms(serverListSchema, await get('/api/v1/servers'))).toEqual([]);
    expect(conforms(z.array(groupSchema), await get('/api/v1/groups'))).toEqual([]);
    expect(conforms(z.array(tagCountSchema), await get('/api/v1/tags'))).toEqual([]);

    const key = await api()
      .post('/api/v1/enrollment-keys')
      .set('Cookie', admin)
      .send({ name: 'fleet', maxUses: 3, tags: ['env:prod'] })
      .expect(201);
    expect(conforms(createdEnrollmentKeySchema, key.body)).toEqual([]);
    expect(conforms(z.array(enrollmentKeySchema), await get('/api/v1/enrollment-keys'))).toEqual([]);

    expect(conforms(trafficUsageSchema, await get(`/api/v1/servers/${id}/traffic`))).toEqual([]);
    expect(conforms(trafficHistorySchema, await get(`/api/v1/servers/${id}/traffic/history`))).toEqual([]);
    expect(conforms(historySchema, await get(`/api/v1/servers/${id}/records`))).toEqual([]);
  });

  it('users, API keys, the caller, audit and retention', async () => {
    const user = await api()
      .post('/api/v1/users')
      .set('Cookie', admin)
      .send({ username: 'viewer', password: 'a-long-password-123', role: 'user' })
      .expect(201);
    expect(conforms(userSchema, user.body)).toEqual([]);
    expect(conforms(z.array(userSchema), await get('/api/v1/users'))).toEqual([]);
    const key = await api()
      .post('/api/v1/api-keys')
      .set('Cookie', admin)
      .send({ name: 'ci', scope: 'read', expiresAt: '2099-01-01T00:00:00Z' })
      .expect(201);
    expect(conforms(createdApiKeySchema, key.body)).toEqual([]);
    expect(conforms(z.array(apiKeySchema), await get('/api/v1/api-keys'))).toEqual([]);
    expect(conforms(meSchema, await get('/api/v1/auth/me'))).toEqual([]);
    expect(conforms(auditPageSchema, await get('/api/v1/audit-logs'))).toEqual([]);
    expect(conforms(retentionViewSchema, await get('/api/v1/settings/retention'))).toEqual([]);
    expect(conforms(accountSecuritySchema, await get('/api/v1/auth/security'))).toEqual([]);
    expect(conforms(authSettingsSchema, await get('/api/v1/settings/auth'))).toEqual([]);
    const login = await api().post('/api/v1/auth/login').send(TEST_ADMIN).expect(200);
    expect(conforms(loginResultSchema, login.body)).toEqual([]);
  });

  it('alert rules, alerts and notifications', async () => {
    const channel = await api()
      .post('/api/v1/notification-channels')
      .set('Cookie', admin)
      .send({
        name: 'hook',
        type: 'webhook',
        settings: { url: 'http://127.0.0.1:9/hook' },
        secrets: { headers: { Authorization: 'Bearer x' } },
      })
      .expect(201);
    expect(conforms(channelSchema, channel.body)).toEqual([]);
    expect(conforms(z.array(channelSchema), await get('/api/v1/notification-channels'))).toEqual([]);
    const group = await api()
      .post('/api/v1/notification-groups')
      .set('Cookie', admin)
      .send({ name: 'ops', channelIds: [channel.body.id], silence: { start: '22:00', end: '06:00' } })
      .expect(201);
    expect(conforms(notificationGroupSchema, group.body)).toEqual([]);
    expect(conforms(z.array(notificationGroupSchema), await get('/api/v1/notification-groups'))).toEqual([]);

    const rule = await api()
      .post('/api/v1/alert-rules')
      .set('Cookie', admin)
      .send({
        name: 'High CPU',
        conditions: [{ kind: 'metric', metric: 'cpu', operator: '>', threshold: 90, durationSeconds: 60 }],
        notificationGroupId: group.body.id,
      })
      .expect(201);
    expect(conforms(alertRuleSchema, rule.body)).toEqual([]);
    expect(conforms(z.array(alertRuleSchema), await get('/api/v1/alert-rules'))).toEqual([]);
    expect(conforms(alertPageSchema, await get('/api/v1/alerts'))).toEqual([]);
    expect(conforms(deliveryPageSchema, await get('/api/v1/notification-deliveries'))).toEqual([]);
    expect(conforms(attemptPageSchema, await get('/api/v1/notification-attempts'))).toEqual([]);
  });

  it('notices an undeclared or missing field', async () => {
    const [group] = (await get('/api/v1/groups')) as Record<string, unknown>[];
    expect(conforms(groupSchema, group)).toEqual([]);
    expect(conforms(groupSchema, { ...group, passwordHash: 'x' })).not.toEqual([]);
    expect(conforms(groupSchema, { ...group, serverCount: undefined })).not.toEqual([]);
  });

  it('errors', async () => {
    const res = await api().post('/api/v1/groups').set('Cookie', admin).send({ name: '' }).expect(400);
    expect(conforms(hubErrorSchema, res.body)).toEqual([]);
  });
});
