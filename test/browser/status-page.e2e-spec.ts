import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { chromium, type Browser } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ServerCatalog } from '../../src/servers/server-catalog.js';
import { ServerOutage } from '../../src/status/entities/server-outage.entity.js';
import { StatusCache } from '../../src/status/status-cache.js';
import { eventually } from '../support/agents/fixtures.js';
import type { SeedAgent } from '../support/agents/seed-agent.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { composePage, openApiIncident, serverWithAgent } from '../e2e/support/status-pages-support.js';
import { CHROMIUM, describeWithChromium } from './support/browser.js';

const SHOTS = process.env.HIVEWATCH_SHOTS_DIR ?? '/tmp/hw/shots';
const DAY = 86_400_000;

/** The public page in Chromium, signed out and with JavaScript off: states, bars and an incident. */
describeWithChromium('public status page in a browser', () => {
  let hub: TestApp;
  let browser: Browser;
  const agents: SeedAgent[] = [];

  beforeAll(async () => {
    hub = await startTestApp({ HIVEWATCH_AGENT_RECONNECT_GRACE_SECONDS: '0' });
    const cookie = await signIn(hub);
    const web = await serverWithAgent(hub.url, cookie, 'web-internal-1', {
      hostname: 'w1',
      ipAddress: '198.51.100.10',
    });
    const api = await serverWithAgent(hub.url, cookie, 'api-internal-2', {
      hostname: 'a2',
      ipAddress: '10.1.1.2',
    });
    agents.push(web.agent, api.agent);
    // A history: both servers were added 60 days ago; the API had a few outages.
    const ds = hub.app.get(DataSource);
    const now = Date.now();
    await ds.query('UPDATE servers SET "createdAt" = ?, "updatedAt" = ?', [now - 60 * DAY, now]);
    await hub.app.get(ServerCatalog).refresh(true);
    const outages = [
      [api.id, 40 * DAY, 2 * 3600_000],
      [api.id, 12 * DAY, 20 * 60_000],
      [web.id, 25 * DAY, 3 * 60_000],
    ] as const;
    for (const [serverId, ago, length] of outages)
      await ds.getRepository(ServerOutage).insert({
        id: crypto.randomUUID(),
        serverId,
        startedAt: new Date(now - ago),
        endedAt: new Date(now - ago + length),
      });
    const page = await composePage(hub.url, cookie, 'acme', web.id, api.id);
    api.agent.close();
    await openApiIncident(hub.url, cookie, page, 'Investigating.');
    await eventually(async () => {
      hub.app.get(StatusCache).invalidate();
      const res = await request(hub.url).get('/api/v1/status/acme').expect(200);
      return res.body.groups[0].components[1].state === 'down';
    }, 10_000);
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    });
    fs.mkdirSync(SHOTS, { recursive: true });
  }, 60_000);
  afterAll(async () => {
    for (const a of agents) a.close();
    await browser?.close();
    await hub.close();
  });

  for (const width of [1440, 390]) {
    it(`renders without signing in and without JavaScript at ${width} px`, async () => {
      const context = await browser.newContext({
        javaScriptEnabled: false,
        viewport: { width, height: 900 },
      });
      const violations: string[] = [];
      const page = await context.newPage();
      page.on('console', (m) => violations.push(m.text()));
      try {
        await page.goto(`${hub.url}/status/acme`);
        await expect(page.locator('h1').textContent()).resolves.toBe('Acme Cloud Status');
        await expect(page.locator('.banner').textContent()).resolves.toBe('Partial outage');
        const rows = page.locator('.comp');
        await expect(rows.nth(0).locator('.pill').textContent()).resolves.toBe('Operational');
        await expect(rows.nth(1).locator('.pill').textContent()).resolves.toBe('Down');
        await expect(page.getByText('API unreachable').count()).resolves.toBe(1);
        const title = await rows
          .nth(1)
          .locator('.bars a')
          .nth(89 - 40)
          .getAttribute('title');
        expect(title).toMatch(/uptime, down 2 h 0 min/);
        await page.screenshot({ path: `${SHOTS}/status-page-${width}.png`, fullPage: true });
        await rows.nth(1).locator('.bars a').last().click({ force: true });
        await expect(page.locator('table').textContent()).resolves.toContain('Public API');
        await page.screenshot({ path: `${SHOTS}/status-day-${width}.png`, fullPage: true });
        expect(violations.filter((v) => /Content Security Policy/i.test(v))).toEqual([]);
      } finally {
        await context.close();
      }
    }, 60_000);
  }
});
