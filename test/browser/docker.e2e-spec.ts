// page.evaluate callbacks run in the browser: they need the DOM types.
/// <reference lib="dom" />
import fs from 'node:fs';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { createServer } from '../support/agents/fixtures.js';
import { signIn } from '../support/http.js';
import { ageStepUpProofs } from '../support/second-factor.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';
import {
  describeWithChromium,
  openAsNewViewer,
  openBrowser,
  signInThroughForm,
  waitForValue,
  type BrowserSession,
} from './support/browser.js';
import { ensureConsoleBuilt } from './support/console-build.js';
import { DockerAgent, runningContainer } from './support/docker-agent.js';

const SLOW = 120_000;
const SHOTS = process.env['HIVEWATCH_SCREENSHOTS'];

/** No sideways scrolling at 1440 and 390 px; screenshots when HIVEWATCH_SCREENSHOTS names a folder. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(400);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect([name, width, overflow]).toEqual([name, width, 0]);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const text = (page: Page, selector: string) => page.locator(selector).first().innerText();

/**
 * The console's Docker screens against a real hub, fed by a scripted envelope agent (the real
 * engine path is covered by the Docker e2e suites): the server page's Docker tab with live
 * figures, filter, drawer (logs, events, inspect, actions behind confirmation and step-up), the
 * overview's containers badge and the fleet Containers page.
 */
describeWithChromium('console: docker', () => {
  let hub: TestApp;
  let cookie: string;
  let docker: { id: string; token: string };
  let plain: { id: string; token: string };
  let agent: DockerAgent;
  let browser: BrowserSession;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    if (SHOTS) fs.mkdirSync(SHOTS, { recursive: true });
    hub = await startTestApp();
    cookie = await signIn(hub);
    docker = await createServer(hub.url, cookie, 'docker-01');
    plain = await createServer(hub.url, cookie, 'plain-01');
    agent = new DockerAgent(`${hub.url.replace('http', 'ws')}/api/v1/agents/ws`, docker.id, docker.token, [
      runningContainer('web', {
        image: 'nginx:1.27',
        health: 'healthy',
        ports: [{ privatePort: 80, publicPort: 8080, protocol: 'tcp', ip: '0.0.0.0' }],
      }),
      runningContainer('db', { image: 'postgres:16', health: 'unhealthy', cpuPercent: 41.5 }),
      runningContainer('worker', {
        image: 'hivewatch/worker:2',
        state: 'exited',
        exitCode: 137,
        startedAt: null,
        cpuPercent: null,
        memoryUsageBytes: null,
        netRxBytesPerSec: null,
        netTxBytesPerSec: null,
        blockReadBytesPerSec: null,
        blockWriteBytesPerSec: null,
        pids: null,
      }),
    ]);
    await agent.connect();
    browser = await openBrowser(hub.url);
    await browser.page.goto('/');
    await signInThroughForm(browser.page);
  }, 12 * 60_000);

  afterAll(async () => {
    await browser?.close();
    agent?.close();
    await hub?.close();
  });

  it(
    'lists containers with live figures, filters them, and the overview counts them',
    async () => {
      const { page } = browser;
      const badge = page.locator('[data-server="docker-01"] [data-testid=containers-badge]');
      await waitForValue(
        () => badge.innerText(),
        (t) => t.startsWith('2/3'),
      );
      expect(await badge.locator('[data-testid=unhealthy-count]').innerText()).toContain('1');
      await shoot(page, 'docker-overview');
      await page.locator('[data-testid=view-table]').click();
      const cell = page.locator('[data-server="docker-01"] [data-metric=containers]');
      await waitForValue(
        () => cell.innerText(),
        (t) => t.includes('2/3') && t.includes('1 unhealthy'),
      );
      await shoot(page, 'docker-overview-table');
      await page.getByRole('button', { name: 'Cards' }).click();

      await page.goto(`/servers/${docker.id}`);
      await page.getByRole('tab', { name: 'Docker' }).click();
      await page.locator('[data-testid=docker-table]').waitFor();
      const rows = page.locator('tr[data-container]');
      expect(await rows.evaluateAll((r) => r.map((x) => x.getAttribute('data-container')))).toEqual([
        'db',
        'web',
        'worker',
      ]);
      expect(await text(page, '[data-container=worker] [data-testid=container-state]')).toBe('exited (137)');
      expect(await text(page, '[data-testid=docker-unhealthy]')).toContain('1 unhealthy');

      agent.containers.find((c) => c.name === 'web')!.cpuPercent = 77.7;
      await waitForValue(
        () => text(page, '[data-container=web] [data-metric=cpu]'),
        (t) => t === '77.7 %',
      );

      const filter = page.locator('[data-testid=docker-filter]');
      await filter.fill('postgres');
      await waitForValue(
        () => rows.count(),
        (n) => n === 1,
      );
      await filter.fill('');
      await page.locator('[data-testid=docker-state]').selectOption('exited');
      await waitForValue(
        () => rows.count(),
        (n) => n === 1,
      );
      await page.locator('[data-testid=docker-state]').selectOption('');
      await shoot(page, 'docker-tab');
    },
    SLOW,
  );

  it(
    'opens a drawer with the log (stderr marked), events and inspect, and closes the log with it',
    async () => {
      const { page } = browser;
      await page.locator('tr[data-container=web]').click();
      await waitForValue(
        () => text(page, '[data-testid=drawer-title]'),
        (t) => t === 'web',
      );
      await page.locator('[data-testid=pane-logs]').click();
      await waitForValue(
        () => text(page, '[data-testid=logs]'),
        (t) => t.includes('listening on :8080'),
      );
      expect(await text(page, '[data-testid=logs] [data-stream=stderr]')).toContain('cache cold');
      await waitForValue(
        () => text(page, '[data-testid=logs]'),
        (t) => t.includes('tick 2'),
      );
      await shoot(page, 'docker-logs');

      await page.locator('[data-testid=pane-inspect]').click();
      await waitForValue(
        () => text(page, '[data-testid=inspect]'),
        (t) => t.includes('unless-stopped'),
      );
      await page.locator('[data-testid=pane-summary]').click();
      await page.locator('[data-chart=cpu], .dk-charts .state').first().waitFor();
      await shoot(page, 'docker-drawer');
      await page.locator('[data-testid=drawer-close]').click();
      await page.locator('[data-testid=drawer-title]').waitFor({ state: 'detached' });
    },
    SLOW,
  );

  it(
    'restarts after confirmation and step-up, removes only once the name is typed',
    async () => {
      const { page } = browser;
      await page.locator('tr[data-container=db]').click();
      await ageStepUpProofs(hub);
      await page.locator('[data-testid=action-restart]').click();
      await page.locator('[data-testid=container-confirm] [data-testid=confirm]').click();
      const dialog = page.locator('[data-testid=step-up-dialog]');
      await dialog.waitFor();
      await dialog.locator('input[name=password]').fill(TEST_ADMIN.password);
      await dialog.locator('button[type=submit]').click();
      await waitForValue(
        () => text(page, '[data-testid=action-result]'),
        (t) => t.includes('Restart: done for db'),
      );
      expect(agent.actions.map((a) => a.action)).toEqual(['restart']);

      await page.locator('[data-testid=pane-events]').click();
      await waitForValue(
        () => text(page, '[data-testid=events]'),
        (t) => t.includes('restart'),
      );
      await page.locator('[data-testid=pane-summary]').click();

      await page.locator('[data-testid=action-remove]').click();
      const confirm = page.locator('[data-testid=container-confirm] [data-testid=confirm]');
      expect(await confirm.isDisabled()).toBe(true);
      await page.locator('[data-testid=confirm-name]').fill('db');
      await shoot(page, 'docker-remove-confirm');
      await confirm.click();
      await waitForValue(
        () => text(page, '[data-testid=action-result]'),
        (t) => t.includes('Remove: done for db'),
      );
      expect(agent.actions.map((a) => a.action)).toEqual(['restart', 'remove']);
      await page.locator('[data-testid=drawer-close]').click();
      // gone from the host: listed as removed only on request
      await waitForValue(
        () => page.locator('tr[data-container=db]').count(),
        (n) => n === 0,
      );
    },
    SLOW,
  );

  it(
    'searches every server’s containers and links to the drawer on the server page',
    async () => {
      const { page } = browser;
      await page.goto('/containers');
      await page.locator('[data-testid=fleet-table]').waitFor();
      await page.locator('[data-testid=fleet-search]').fill('nginx');
      await waitForValue(
        () => page.locator('tr[data-container]').count(),
        (n) => n === 1,
      );
      await shoot(page, 'docker-fleet');
      await page.locator('tr[data-container=web] .fleet-name a').click();
      await waitForValue(
        () => text(page, '[data-testid=drawer-title]'),
        (t) => t === 'web',
      );
      expect(page.url()).toContain(`/servers/${docker.id}?tab=docker`);
    },
    SLOW,
  );

  it(
    'shows how to enable Docker on a host without it, and no actions or logs to a user',
    async () => {
      const { page } = browser;
      await page.goto(`/servers/${plain.id}?tab=docker`);
      const off = page.locator('[data-testid=docker-not-enabled]');
      await off.waitFor();
      expect(await off.innerText()).toContain('"capabilities": ["docker", "docker-actions"]');
      await shoot(page, 'docker-not-enabled');

      const viewer = await openAsNewViewer(hub, cookie, `/servers/${docker.id}?tab=docker`);
      try {
        await viewer.page.locator('tr[data-container=web]').click();
        await viewer.page.locator('[data-testid=drawer-title]').waitFor();
        expect(await viewer.page.locator('[data-testid=action-stop]').count()).toBe(0);
        expect(await viewer.page.locator('[data-testid=pane-logs]').count()).toBe(0);
        expect(await viewer.page.locator('[data-testid=pane-events]').count()).toBe(1);
      } finally {
        await viewer.close();
      }
    },
    SLOW,
  );
});
