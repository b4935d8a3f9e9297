// page.evaluate callbacks run in the browser: they need the DOM types.
/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { eventually } from '../support/agents/fixtures.js';
import { ageStepUpProofs } from '../support/second-factor.js';
import type { SeedAgent } from '../support/agents/seed-agent.js';
import { TEST_ADMIN, type TestApp } from '../support/test-app.js';
import {
  describeWithChromium,
  openAsNewViewer,
  signInThroughForm,
  waitForValue,
  type BrowserSession,
} from './support/browser.js';
import { startConsoleFixture, type ConsoleFixture } from './support/console-fixture.js';

const SLOW = 120_000;
const SHOTS = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-console-shots-'));

describeWithChromium('console in Chromium against the real hub', () => {
  let fixture: ConsoleFixture;
  let hub: TestApp;
  let cookie: string;
  let server: { id: string; token: string };
  let agent: SeedAgent;
  let admin: BrowserSession;

  beforeAll(async () => {
    fixture = await startConsoleFixture();
    ({ hub, cookie, server, agent, admin } = fixture);
  }, 12 * 60_000);

  afterAll(async () => {
    await fixture?.close();
  });

  it(
    'sends a signed-out visitor to sign-in, refuses a wrong password, then returns to the page asked for',
    async () => {
      const { page } = admin;
      await page.goto(`/servers/${server.id}`);
      await page.waitForURL(/\/sign-in\?next=/);
      await signInThroughForm(page, 'admin', 'not-the-password-at-all');
      await expect(page.locator('[data-testid=sign-in-error]').textContent()).resolves.toContain(
        'Wrong username or password',
      );
      await signInThroughForm(page);
      await page.waitForURL(`**/servers/${server.id}`);
      await page.locator('h1', { hasText: 'web-01' }).waitFor();
    },
    SLOW,
  );

  it(
    'overview shows the server live and its CPU changes when the agent reports',
    async () => {
      const { page } = admin;
      await page.goto('/');
      const cpu = page.locator('[data-server="web-01"] [data-metric=cpu]');
      await waitForValue(
        () => cpu.textContent(),
        (t) => t?.trim() === '12.5 %',
      );
      await expect(page.locator('[data-testid=counts]').textContent()).resolves.toMatch(
        /1\s+online\s+0\s+offline/,
      );
      agent.sendMetrics({ cpuUsagePercent: 87.25 });
      await waitForValue(
        () => cpu.textContent(),
        (t) => t?.trim() === '87.3 %',
      ); // no reload: from /api/v1/ws
    },
    SLOW,
  );

  it(
    'server page draws the history chart from stored data',
    async () => {
      const { page } = admin;
      await page.goto(`/servers/${server.id}`);
      const chart = page.locator('[data-chart=cpu]');
      await chart.locator('canvas').waitFor();
      // ECharts' aria description lists the series it drew with their values
      const description = await waitForValue(
        () => chart.locator('[aria-label]').first().getAttribute('aria-label'),
        (label) => !!label && label.includes('CPU avg') && /\d/.test(label),
      );
      expect(description).toContain('CPU max');
      const painted = await chart
        .locator('canvas')
        .first()
        .evaluate((c: HTMLCanvasElement) => {
          const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          let n = 0;
          for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
          return n;
        });
      expect(painted).toBeGreaterThan(500);
    },
    SLOW,
  );

  it(
    'restarts a service only after confirmation, and the request reaches the agent',
    async () => {
      const { page } = admin;
      await page.goto(`/servers/${server.id}`);
      await page.getByRole('tab', { name: 'Services' }).click();
      await ageStepUpProofs(hub); // the sign-in's proof of identity is older than the step-up window
      await page.locator('[aria-label="Restart nginx"]').click();
      await page.locator('[role=alertdialog]').waitFor();
      expect(agent.ran('restart-service')).toBe(0);
      await page.locator('[data-testid=confirm]').click();
      // a dangerous action: the hub wants a fresh proof of identity first (step-up, the password here)
      const stepUp = page.locator('[data-testid=step-up-dialog]');
      await stepUp.locator('input[name=password]').fill(TEST_ADMIN.password);
      expect(agent.ran('restart-service')).toBe(0);
      await stepUp.locator('button[type=submit]').click();
      await eventually(() => agent.ran('restart-service') === 1, 20_000);
      expect(agent.requests.find((r) => r.action === 'restart-service')?.payload).toEqual({ name: 'nginx' });
      await page.locator('.toast', { hasText: 'nginx restarted.' }).waitFor();
    },
    SLOW,
  );

  it(
    'add server shows the token once, with the agent command and an Ansible snippet',
    async () => {
      const { page } = admin;
      await page.goto('/admin/servers');
      await page.locator('[data-testid=add-server]').click();
      await page.locator('form[aria-label="Add server"] input[name=name]').fill('db-07');
      await page.locator('form[aria-label="Add server"] button[type=submit]').click();
      const panel = page.locator('[data-testid=secret-panel]');
      const token = (await panel.locator('[data-secret="Agent token"]').textContent())!.trim();
      expect(token).toMatch(/^hwa_/);
      // The hub's install script, the .deb and the role: the token is an assignment or a variable,
      // never a program's argument (test/e2e/agent-command runs each of them).
      const command = (await panel.locator('[data-secret="Agent command"]').textContent())!;
      expect(command).toContain(
        `HIVEWATCH_AGENT_TOKEN=${token} sh -c "$(curl -fsSL ${hub.url}/install-agent.sh)"`,
      );
      const deb = (await panel.locator('[data-secret="Or the .deb (Debian, Ubuntu)"]').textContent())!;
      expect(deb).toContain(`HIVEWATCH_AGENT_TOKEN=${token} dpkg -i /tmp/hivewatch-agent.deb`);
      const ansible = (await panel.locator('[data-secret="Ansible"]').textContent())!;
      expect(ansible).toContain(`hivewatch_agent_token: ${token}`);
      // The long commands scroll inside their blocks; the page itself never gets wider than the screen.
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: 900 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect([width, overflow]).toEqual([width, 0]);
        await page.screenshot({ path: `${SHOTS}/add-server-commands-${width}.png`, fullPage: true });
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await panel.getByRole('button', { name: 'Done, I copied it' }).click();
      await panel.waitFor({ state: 'detached' });
      expect(await page.content()).not.toContain(token);
      await page.reload();
      await page.locator('tr[data-server="db-07"]').waitFor();
      expect(await page.content()).not.toContain(token);
      const list = await request(hub.url).get('/api/v1/servers').set('Cookie', cookie).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(token);
      expect((list.body.items as { name: string }[]).map((s) => s.name)).toContain('db-07');
    },
    SLOW,
  );

  it(
    "the enrollment-key panel shows the hub's install one-liner, the .deb and the Ansible play",
    async () => {
      const { page } = admin;
      await page.goto('/admin/enrollment-keys');
      const form = page.locator('form[aria-label="New enrollment key"]');
      await form.locator('input[name=name]').fill('rollout');
      await form.locator('input[name=maxUses]').fill('510');
      await form.locator('button[type=submit]').click();
      const panel = page.locator('[data-testid=secret-panel]');
      const key = (await panel.locator('[data-secret="Enrollment key"]').textContent())!.trim();
      expect(key).toMatch(/^hwe_/);
      // test/e2e/agent-install and agent-enroll-command run these, built by the same function.
      const command = (await panel.locator('[data-secret="Agent command"]').textContent())!;
      expect(command).toBe(
        `HIVEWATCH_ENROLLMENT_KEY=${key} sh -c "$(curl -fsSL ${hub.url}/install-agent.sh)"`,
      );
      const deb = (await panel.locator('[data-secret="Or the .deb (Debian, Ubuntu)"]').textContent())!;
      expect(deb).toContain(`HIVEWATCH_ENROLLMENT_KEY=${key} dpkg -i /tmp/hivewatch-agent.deb`);
      const ansible = (await panel.locator('[data-secret="Ansible"]').textContent())!;
      expect(ansible).toContain(`hivewatch_agent_enrollment_key: ${key}`);
      await panel.getByRole('button', { name: 'Done, I copied it' }).click();
      await panel.waitFor({ state: 'detached' });
    },
    SLOW,
  );

  it(
    'a user-role account sees no administration and cannot reach it by URL',
    async () => {
      const user = await openAsNewViewer(hub, cookie, '/');
      try {
        const { page } = user;
        await page.locator('[data-server="web-01"]').first().waitFor();
        expect(await page.locator('[data-testid=nav-admin]').count()).toBe(0);

        await page.goto('/admin/users');
        await page.waitForURL(/\/\?denied=admin$/);
        await page.getByText('Administration is for administrators only.').waitFor();
        expect(await page.locator('table[aria-label=Users]').count()).toBe(0);

        // the hub refuses too, whatever the console does
        const status = await page.evaluate(async () => (await fetch('/api/v1/users')).status);
        expect(status).toBe(403);

        // and the restart button is not offered to a user
        await page.goto(`/servers/${server.id}`);
        await page.getByRole('tab', { name: 'Services' }).click();
        await page.locator('[data-service=nginx]').waitFor();
        expect(await page.locator('[aria-label="Restart nginx"]').count()).toBe(0);
      } finally {
        await user.close();
      }
    },
    SLOW,
  );
});
