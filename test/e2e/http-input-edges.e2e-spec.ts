import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import request from 'supertest';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** Writes `raw` to the hub and reads the whole answer; fails on a reset before the answer is complete. */
function rawExchange(port: number, raw: string): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (c) => (text += c.toString('utf8')));
    socket.on('error', (err) => reject(new Error(`${err.message} after ${text.length} bytes of answer`)));
    socket.on('end', () => {
      const [head, body] = text.split('\r\n\r\n');
      resolve({
        status: Number(head?.split(' ')[1]),
        body: JSON.parse(body ?? 'null') as Record<string, unknown>,
      });
      socket.destroy();
    });
    socket.write(raw);
  });
}

describe('the edges of HTTP input answer with the JSON error shape', () => {
  let hub: TestApp;
  let port: number;
  let cookie: string;

  beforeAll(async () => {
    hub = await startTestApp();
    port = Number(new URL(hub.url).port);
    cookie = await signIn(hub);
  });
  afterAll(async () => hub.close());

  it('a 30 KB URL is a JSON 431 with a request id', async () => {
    const res = await rawExchange(
      port,
      `GET /api/v1/servers?q=${'a'.repeat(30_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
    );
    expect(res.status).toBe(431);
    expect(res.body).toMatchObject({ statusCode: 431, error: 'Request Header Fields Too Large' });
    expect(res.body['requestId']).toEqual(expect.any(String));
  });

  it('a 100 KB query string is answered (JSON 431), not reset', async () => {
    const res = await rawExchange(
      port,
      `GET /api/v1/health?${'b'.repeat(100_000)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
    );
    expect(res).toMatchObject({ status: 431, body: { statusCode: 431 } });
  });

  it('a malformed request line is a JSON 400', async () => {
    const res = await rawExchange(port, 'GARBAGE\r\n\r\n');
    expect(res).toMatchObject({ status: 400, body: { statusCode: 400, error: 'Bad Request' } });
  });

  it('413 and JSON syntax errors carry the request id', async () => {
    const tooBig = await request(hub.url)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send(`{"username":"${'a'.repeat(2_000_000)}"}`);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.requestId).toEqual(expect.any(String));
    const syntax = await request(hub.url)
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .set('X-Request-Id', 'trace-me-42')
      .send('{"username":');
    expect(syntax.status).toBe(400);
    expect(syntax.body).toMatchObject({ statusCode: 400, requestId: 'trace-me-42' });
  });

  it('refuses -1, 1.5, -0 and other non-times as dates instead of reading them as 1970 or 2000', async () => {
    for (const bad of ['-1', '1.5', '-0', '+5', ' 1', '1e3', '99999999999999999', 'Tue']) {
      const res = await request(hub.url).get('/api/v1/audit-logs').query({ from: bad }).set('Cookie', cookie);
      expect([bad, res.status]).toEqual([bad, 400]);
      expect(JSON.stringify(res.body.message)).toContain('ISO-8601');
    }
    for (const good of [
      '0',
      '1700000000000',
      '2024-01-01',
      '2024-01-01T00:00:00Z',
      '2024-01-01T00:00:00.5+02:00',
    ]) {
      const res = await request(hub.url)
        .get('/api/v1/audit-logs')
        .query({ from: good })
        .set('Cookie', cookie);
      expect([good, res.status]).toEqual([good, 200]);
    }
  });

  it('refuses names with NUL or lone surrogates, in bodies and queries, and stores nothing', async () => {
    for (const name of ['web\u0000db', 'web\ud800', '\udc00web', 'ok\ud800\ud800']) {
      const res = await request(hub.url).post('/api/v1/servers').set('Cookie', cookie).send({ name });
      expect([JSON.stringify(name), res.status]).toEqual([JSON.stringify(name), 400]);
      expect(res.body.message).toContain('name: must not contain NUL');
    }
    const paired = await request(hub.url)
      .post('/api/v1/servers')
      .set('Cookie', cookie)
      .send({ name: 'web 😀' });
    expect(paired.status).toBe(201);
    const query = await request(hub.url).get('/api/v1/audit-logs?action=a%00b').set('Cookie', cookie);
    expect(query.status).toBe(400);
    const list = await request(hub.url).get('/api/v1/servers').set('Cookie', cookie).expect(200);
    expect(JSON.stringify(list.body)).not.toMatch(/\\u0000|\\ud800|\\udc00/);
  });
});
