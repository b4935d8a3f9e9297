import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { createApiKey, createUserAndSignIn, signIn } from '../support/http.js';
import { ageStepUpProofs } from '../support/second-factor.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';

/**
 * Step-up beyond restarting services (that one runs against a real agent in hosts.e2e-spec.ts):
 * changing a user's role and setting notification channel secrets need a fresh proof of identity
 * (an ops-scoped key for automation); other changes on the same routes do not.
 */
describe('step-up: user roles and notification secrets', () => {
  let hub: TestApp;
  let admin: string;
  let userId: string;
  let opsKey: string;
  const stepUp = () =>
    request(hub.url)
      .post('/api/v1/auth/step-up')
      .set('Cookie', admin)
      .send({ password: TEST_ADMIN.password })
      .expect(200);

  beforeAll(async () => {
    hub = await startTestApp();
    admin = await signIn(hub);
    const user = await createUserAndSignIn(hub, admin, {
      username: 'bob',
      password: 'bob-password-000001',
      role: 'user',
    });
    userId = (await request(hub.url).get('/api/v1/auth/me').set('Cookie', user).expect(200)).body.user
      .id as string;
    opsKey = await createApiKey(hub, admin, 'ops');
    await ageStepUpProofs(hub);
  });
  afterAll(async () => {
    await hub.close();
  });

  it("changing a user's role needs step-up; disabling does not", async () => {
    const patch = (body: object, auth: Record<string, string> = { Cookie: admin }) =>
      request(hub.url).patch(`/api/v1/users/${userId}`).set(auth).send(body);
    const refused = await patch({ role: 'admin' }).expect(401);
    expect(refused.body).toMatchObject({ reason: 'step_up_required', methods: ['password'] });
    await patch({ disabled: true }).expect(200);
    await patch({ disabled: false }).expect(200);
    await patch({ role: 'admin' }, { Authorization: `Bearer ${opsKey}` }).expect(200);
    await stepUp();
    expect((await patch({ role: 'user' }).expect(200)).body).toMatchObject({ role: 'user' });
  });

  it('setting a channel secret needs step-up; other channel changes and listing do not, and never show secrets', async () => {
    await ageStepUpProofs(hub);
    const channels = () => request(hub.url).post('/api/v1/notification-channels').set('Cookie', admin);
    const telegram = {
      name: 'tg',
      type: 'telegram',
      settings: { chatId: '42' },
      secrets: { botToken: 'bot-token-secret-1' },
    };
    expect((await channels().send(telegram).expect(401)).body.reason).toBe('step_up_required');
    await stepUp();
    const created = await channels().send(telegram).expect(201);
    const id = created.body.id as string;
    await ageStepUpProofs(hub);
    const patch = (body: object) =>
      request(hub.url).patch(`/api/v1/notification-channels/${id}`).set('Cookie', admin).send(body);
    await patch({ name: 'renamed' }).expect(200);
    expect((await patch({ secrets: { botToken: 'bot-token-secret-2' } }).expect(401)).body.reason).toBe(
      'step_up_required',
    );
    const listed = await request(hub.url)
      .get('/api/v1/notification-channels')
      .set('Cookie', admin)
      .expect(200);
    expect(JSON.stringify(listed.body)).not.toContain('bot-token-secret');
    const one = await request(hub.url)
      .get(`/api/v1/notification-channels/${id}`)
      .set('Cookie', admin)
      .expect(200);
    expect(JSON.stringify(one.body)).not.toContain('bot-token-secret');
  });
});
