#!/usr/bin/env node
// Status page response time with N server components (built: run `npm run build` first).
// Usage: node bench/status-page.mjs [components=100] [samples=200]
// A real hub (dist/) on a fresh SQLite file; an admin creates N servers and one published page
// listing them all (5 groups). Timed from this process over loopback: GET /status/{slug} (HTML)
// and GET /api/v1/status/{slug} (JSON), cold (first request after the cache was cleared by an
// admin edit: the page is rebuilt — composition, outages, windows, incidents, 90 bars each) and warm
// (served from the 30 s cache). Each request comes from its own client address (X-Forwarded-For,
// trust proxy on), so the per-address rate limit does not answer instead of the page.
/* eslint-disable no-console */
import { performance } from 'node:perf_hooks';
import { ADMIN_PASSWORD, startHub } from './load/hub-process.mjs';

const [N = 100, SAMPLES = 200] = process.argv.slice(2).map(Number);
const hub = await startHub({ HIVEWATCH_TRUST_PROXY: 'true' });
let client = 0;
const from = () => `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client++ & 255}`;

try {
  const login = await fetch(`${hub.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  const cookie = login.headers
    .getSetCookie()
    .find((c) => c.startsWith('hw_session='))
    .split(';')[0];
  const api = async (method, url, body) => {
    const res = await fetch(`${hub.url}/api/v1${url}`, {
      method,
      headers: { cookie, 'content-type': 'application/json', 'x-forwarded-for': from() },
      body: body && JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const ids = [];
  for (let i = 0; i < N; i++) ids.push((await api('POST', '/servers', { name: `bench-${i}` })).server.id);
  const page = {
    slug: 'bench',
    title: 'Bench status',
    logoText: 'B',
    published: true,
    groups: Array.from({ length: 5 }, (_, g) => ({
      name: `Group ${g}`,
      components: ids
        .filter((_, i) => i % 5 === g)
        .map((serverId, i) => ({ kind: 'server', serverId, publicName: `Service ${g}-${i}` })),
    })),
  };
  const { id } = await api('POST', '/status-pages', page);
  await api('POST', `/status-pages/${id}/incidents`, { title: 'Bench incident', message: 'Something.' });

  const get = async (path) => {
    const t = performance.now();
    const res = await fetch(`${hub.url}${path}`, { headers: { 'x-forwarded-for': from() } });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
    return { ms: performance.now() - t, bytes: text.length };
  };
  const stats = (list) => {
    const s = [...list].sort((a, b) => a - b);
    const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
    return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms`;
  };
  for (const [name, path] of [
    ['HTML', '/status/bench'],
    ['JSON', '/api/v1/status/bench'],
  ]) {
    const cold = [];
    const warm = [];
    let bytes = 0;
    for (let i = 0; i < 5; i++) await get(path); // warm-up of the hub's code paths
    for (let i = 0; i < SAMPLES; i++) {
      await api('PUT', `/status-pages/${id}`, page); // an admin edit clears the cache
      const c = await get(path);
      cold.push(c.ms);
      bytes = c.bytes;
      warm.push((await get(path)).ms);
    }
    console.log(`status page ${name}, ${N} components (${(bytes / 1024).toFixed(0)} KiB):`);
    console.log(`  cold: ${stats(cold)}   warm: ${stats(warm)}   (${SAMPLES} each)`);
  }
} finally {
  await hub.stop();
  hub.cleanup();
}
