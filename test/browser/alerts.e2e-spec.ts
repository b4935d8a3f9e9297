// page.evaluate callbacks run in the browser: they need the DOM types.
/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { eventually, sleep } from '../support/agents/fixtures.js';
import { seedMetrics, type SeedAgent } from '../support/agents/seed-agent.js';
import type { TestApp } from '../support/test-app.js';
import { FAST_ALERTS, HookServer, pump } from '../e2e/alerts-support.js';
import {
  describeWithChromium,
  openAsNewViewer,
  signInThroughForm,
  waitForValue,
  type BrowserSession,
} from './support/browser.js';
import { startConsoleFixture, type ConsoleFixture } from './support/console-fixture.js';

const SLOW = 120_000;
/** Screenshots for a person to look at (the console at desktop and phone width). */
const SHOTS = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-alert-shots-'));
const TEMPLATE = '{"text":"{{state}} {{rule}} on {{server}}: {{metric}} {{value}}","link":"{{link}}"}';

/** The webhook bodies received so far, parsed. */
function texts(hook: HookServer): string[] {
  return hook.bodies().map((b) => String(b['text'] ?? b['state']));
}

async function fillChannel(page: Page, hookUrl: string): Promise<void> {
  const form = page.locator('form[aria-label="Notification channel"]');
  await form.locator('input[name=name]').fill('ops-hook');
  await form.locator('input[name=url]').fill(hookUrl);
  await form.locator('textarea[name=bodyTemplate]').fill(TEMPLATE);
  await form.getByRole('button', { name: 'Add header' }).click();
  await form.getByLabel('Header name').fill('Authorization');
  await form.getByLabel('Header value').fill('Bearer from-the-console');
  await form.getByRole('button', { name: 'Save channel' }).click();
}

async function fillRule(page: Page): Promise<void> {
  const form = page.locator('form[aria-label="Alert rule"]');
  await form.locator('input[name=name]').fill('Hot CPU');
  await form.locator('[data-field=threshold]').fill('80');
  await form.locator('[data-field=duration]').fill('1');
  await form.locator('select[aria-label="Duration unit"]').selectOption('s');
  await form.locator('select[name=notificationGroupId]').selectOption({ label: 'on-call' });
  await form.getByRole('button', { name: 'Save rule' }).click();
}

describeWithChromium('alerts and notifications in the console, end to end', () => {
  let fixture: ConsoleFixture;
  let hub: TestApp;
  let hook: HookServer;
  let cookie: string;
  let server: { id: string; token: string };
  let agent: SeedAgent;
  let admin: BrowserSession;

  beforeAll(async () => {
    // no HIVEWATCH_PUBLIC_URL: the hub would then only take console sockets from that origin
    fixture = await startConsoleFixture({ ...FAST_ALERTS, HIVEWATCH_TRAFFIC_FLUSH_SECONDS: '1' }, 12);
    ({ hub, cookie, server, agent, admin } = fixture);
    hook = await new HookServer().start();
    await admin.page.goto('/');
    await signInThroughForm(admin.page);
    await admin.page.locator('[data-server="web-01"]').first().waitFor();
  }, 12 * 60_000);

  afterAll(async () => {
    await fixture?.close();
    await hook?.stop();
  });

  it(
    'a webhook channel, a group and a CPU rule made in the console: the alert fires, is delivered and logged, then resolves',
    async () => {
      const { page } = admin;

      // channel: created in the form, its header secret shown only as "set", a test sent
      await page.getByTestId('nav-notifications').click();
      await page.waitForURL('**/notifications/channels');
      await page.getByTestId('new-channel').click();
      await fillChannel(page, `${hook.url}/alert`);
      await page.waitForURL('**/notifications/channels');
      const row = page.locator('tr[data-channel=ops-hook]');
      await expect(row.textContent()).resolves.toContain('headers.Authorization: set');
      expect(await page.content()).not.toContain('Bearer from-the-console');
      await row.getByRole('button', { name: 'Send test' }).click();
      await row.getByTestId('test-outcome').filter({ hasText: 'test delivered (200)' }).waitFor();
      expect(hook.received).toHaveLength(1);
      expect(hook.received[0]!.headers.authorization).toBe('Bearer from-the-console');
      expect(texts(hook)[0]).toBe('test ops-hook on test-server: test 0');

      // group holding the channel
      await page.locator('.subnav').getByRole('link', { name: 'Groups' }).click();
      await page.getByTestId('new-group').click();
      const groupForm = page.locator('form[aria-label="New group"]');
      await groupForm.locator('input[name=name]').fill('on-call');
      await groupForm.locator('select[name=channelIds]').selectOption({ label: 'ops-hook (webhook)' });
      await groupForm.getByRole('button', { name: 'Save group' }).click();
      await expect(page.locator('tr[data-group=on-call]').textContent()).resolves.toContain('ops-hook');

      // rule: validation first, then a CPU rule with a one-second duration
      await page.getByTestId('nav-alerts').click();
      await page.locator('.subnav').getByRole('link', { name: 'Rules' }).click();
      await page.getByTestId('new-rule').click();
      await page.getByRole('button', { name: 'Save rule' }).click();
      await page.getByText('Give the rule a name.').waitFor();
      await fillRule(page);
      await page.waitForURL('**/alerts/rules');
      await expect(page.locator('tr[data-rule="Hot CPU"]').textContent()).resolves.toMatch(
        /CPU > 80 % for 1 s.*all servers.*on-call/s,
      );
      // the hub's default rules are listed, marked as defaults; a rule made here is not
      await page.locator('tr[data-rule="Server offline"]').getByTestId('default-rule').waitFor();
      expect(await page.locator('tr[data-rule="Hot CPU"]').getByTestId('default-rule').count()).toBe(0);
      await page.screenshot({ path: `${SHOTS}/alert-rules-1280.png`, fullPage: true });

      // the delete confirmation by keyboard: focus starts on Cancel and Tab stays inside the
      // dialog; Escape closes it without deleting and puts the focus back on the row's button
      const deleteButton = page.locator('tr[data-rule="Hot CPU"]').getByRole('button', { name: 'Delete' });
      await deleteButton.focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('alertdialog', { name: 'Delete rule Hot CPU?' });
      await dialog.waitFor();
      expect(await dialog.getAttribute('aria-modal')).toBe('true');
      const focused = () => page.evaluate(() => document.activeElement?.textContent?.trim());
      await waitForValue(focused, (t) => t === 'Cancel');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('Delete');
      await page.keyboard.press('Tab');
      expect(await focused()).toBe('Cancel');
      await page.keyboard.press('Shift+Tab');
      expect(await focused()).toBe('Delete');
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await deleteButton.evaluate((b) => b === document.activeElement)).toBe(true);
      await page.locator('tr[data-rule="Hot CPU"]').waitFor();

      // CPU over the threshold: the alert shows up live, the webhook gets the rendered body
      await page.locator('.subnav').getByRole('link', { name: 'Active and history' }).click();
      await page.getByTestId('no-active-alerts').waitFor();
      let cpu = 95;
      // no network rates: the traffic panel's figures (checked below) must not depend on how long
      // this test keeps reporting on a loaded machine
      const reporting = pump(agent, () => ({ cpuUsagePercent: cpu, networkInterfaces: [] }));
      try {
        await page
          .locator('table[aria-label="Active alerts"] tr[data-alert="Hot CPU"][data-state=firing]')
          .waitFor();
        await expect(page.getByTestId('firing-count').textContent()).resolves.toContain('1');
        await eventually(() => hook.received.length >= 2, 15_000);
        expect(texts(hook)[1]).toBe('firing Hot CPU on web-01: CPU 95');
        expect(hook.bodies()[1]!['link']).toBe(`/servers/${server.id}`);

        // the delivery log shows it delivered, with the webhook's answer
        await page.getByTestId('nav-notifications').click();
        await page.locator('.subnav').getByRole('link', { name: 'Delivery log' }).click();
        const delivered = page.locator('tr[data-channel=ops-hook][data-outcome=success]', {
          hasText: 'firing: Hot CPU on web-01',
        });
        await waitForValue(
          async () => {
            if ((await delivered.count()) === 0) await page.getByTestId('refresh-log').click();
            return delivered.count();
          },
          (n) => n === 1,
        );
        await expect(delivered.locator('[data-field=responseCode]').textContent()).resolves.toContain('200');

        // the queue shows the same delivery: delivered at the first attempt, no error
        await page.locator('.subnav').getByRole('link', { name: 'Delivery queue' }).click();
        const done = page.locator('tr[data-status=delivered]', { hasText: 'firing: Hot CPU on web-01' });
        await done.waitFor();
        await expect(done.locator('[data-field=attempts]').textContent()).resolves.toMatch(
          /^\s*1 of \d+\s*$/,
        );
        await expect(done.locator('[data-field=channel]').textContent()).resolves.toContain('ops-hook');
        await expect(done.locator('[data-field=error]').textContent()).resolves.toBe('');

        // the overview and the server page show the active alert too
        await page.locator('a.brand').click();
        await page.getByTestId('alert-strip').filter({ hasText: 'Hot CPU' }).waitFor();
        await page.goto(`/servers/${server.id}`);
        await page.getByTestId('alert-strip').filter({ hasText: 'Hot CPU' }).waitFor();

        // CPU back down: the alert resolves in the console and the resolution is delivered
        await page.getByTestId('nav-alerts').click();
        await page.locator('table[aria-label="Active alerts"] tr[data-alert="Hot CPU"]').waitFor();
        cpu = 10;
        await page.getByTestId('no-active-alerts').waitFor();
        await page
          .locator('table[aria-label="Alert history"] tr[data-alert="Hot CPU"][data-state=resolved]')
          .waitFor();
        await eventually(() => hook.received.length >= 3, 15_000);
        expect(texts(hook)[2]).toBe('resolved Hot CPU on web-01: CPU 10');
        expect(await page.getByTestId('firing-count').count()).toBe(0);
      } finally {
        reporting.stop();
      }
    },
    SLOW,
  );

  it(
    'the traffic panel shows the cycle bytes and the daily history, and an admin changes the cycle',
    async () => {
      const { page } = admin;
      // cumulative interface counters: the second sample adds 2.5 GB in and 250 MB out
      const counters = (rx: number, tx: number) => ({
        networkInterfaces: [
          { ...(seedMetrics().networkInterfaces as object[])[0], netRxBytes: rx, netTxBytes: tx },
        ],
      });
      agent.sendMetrics(counters(5e9, 1e9));
      await sleep(200);
      agent.sendMetrics(counters(7.5e9, 1.25e9));
      const api = (path: string) =>
        request(hub.url).get(`/api/v1/servers/${server.id}/traffic${path}`).set('Cookie', cookie);
      // the daily rows are written every second here (HIVEWATCH_TRAFFIC_FLUSH_SECONDS)
      await eventually(async () => {
        const points = (await api('/history?resolution=daily')).body.points as { inBytes: number }[];
        return points.some((p) => p.inBytes >= 2.5e9);
      }, 10_000);

      await page.goto(`/servers/${server.id}`);
      await page.getByRole('tab', { name: 'Traffic' }).click();
      const panel = page.locator('section.traffic');
      await panel.getByTestId('traffic-usage').waitFor();
      await expect(panel.locator('[data-field=in]').textContent()).resolves.toMatch(/^\s*2\.5\d GB\s*$/);
      await expect(panel.locator('[data-field=out]').textContent()).resolves.toMatch(/^\s*25\d\.\d MB\s*$/);
      await panel.locator('[data-chart=traffic] canvas').first().waitFor();
      await panel.getByText('As a table').click();
      const today = new Date().toISOString().slice(0, 10);
      await expect(
        panel.locator('table[aria-label="Daily traffic"] tr', { hasText: today }).textContent(),
      ).resolves.toMatch(/2\.5\d GB/);
      await expect(panel.textContent()).resolves.toContain('monthly cycle starting on day 1');
      await panel.getByRole('button', { name: 'Change' }).click();
      const form = panel.locator('form[aria-label="Billing cycle"]');
      await form.locator('select[name=cycle]').selectOption('quarterly');
      await form.locator('input[name=startDay]').fill('15');
      await form.locator('input[name=quotaGb]').fill('500');
      await form.getByRole('button', { name: 'Save' }).click();
      await panel.getByText('quarterly cycle starting on day 15').waitFor();
      await panel.getByText('Quota 500.0 GB').waitFor();
      const stored = await request(hub.url)
        .get(`/api/v1/servers/${server.id}/traffic`)
        .set('Cookie', cookie)
        .expect(200);
      expect(stored.body).toMatchObject({ cycle: 'quarterly', startDay: 15, quotaBytes: 500_000_000_000 });
    },
    SLOW,
  );

  it(
    'a firing alert is acknowledged with a comment and snoozed in the console; the API shows both',
    async () => {
      const { page } = admin;
      await page.goto('/alerts');
      let cpu = 95;
      // no network rates: the traffic figures checked above stay as they are
      const reporting = pump(agent, () => ({ cpuUsagePercent: cpu, networkInterfaces: [] }));
      try {
        const firingRow = page.locator(
          'table[aria-label="Active alerts"] tr[data-alert="Hot CPU"][data-state=firing]',
        );
        await firingRow.waitFor();
        await firingRow.getByRole('button', { name: 'Acknowledge' }).click();
        const ackDialog = page.getByRole('dialog', { name: /Acknowledge “Hot CPU” on web-01/ });
        await ackDialog.locator('textarea[name=comment]').fill('looking into it');
        await ackDialog.getByTestId('confirm-handling').click();
        await ackDialog.waitFor({ state: 'detached' });
        await expect(firingRow.getByTestId('acknowledged').textContent()).resolves.toMatch(
          /Acknowledged by admin.*looking into it/s,
        );
        expect(await firingRow.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
        const activeNow = await request(hub.url)
          .get('/api/v1/alerts/active')
          .set('Cookie', cookie)
          .expect(200);
        expect(activeNow.body).toEqual([
          expect.objectContaining({
            ruleName: 'Hot CPU',
            acknowledgedBy: 'admin',
            ackComment: 'looking into it',
          }),
        ]);
        // snoozed for an hour from the picker; the row says until when
        await firingRow.getByRole('button', { name: 'Snooze' }).click();
        const snoozeDialog = page.getByRole('dialog', { name: /Snooze “Hot CPU”/ });
        await snoozeDialog.locator('select[name=length]').selectOption({ label: '1 hour' });
        await snoozeDialog.getByTestId('confirm-handling').click();
        await firingRow.getByTestId('snoozed').waitFor();
        await firingRow.getByRole('button', { name: 'End snooze' }).waitFor();
        for (const width of [1440, 390]) {
          await page.setViewportSize({ width, height: 900 });
          const overflow = await page.evaluate(
            () => document.documentElement.scrollWidth - window.innerWidth,
          );
          expect([width, overflow]).toEqual([width, 0]);
          await page.screenshot({ path: `${SHOTS}/alerts-acknowledged-${width}.png`, fullPage: true });
        }
        await page.setViewportSize({ width: 1280, height: 900 });
        // it resolves as usual: the acknowledgement goes with it
        cpu = 10;
        await page.getByTestId('no-active-alerts').waitFor();
      } finally {
        reporting.stop();
      }
    },
    SLOW,
  );

  it(
    'a user-role account reads rules, groups and the log, but is offered no change and no channel',
    async () => {
      const user = await openAsNewViewer(hub, cookie, '/alerts/rules');
      try {
        const { page } = user;
        await page.locator('tr[data-rule="Hot CPU"]').waitFor();
        expect(await page.getByTestId('new-rule').count()).toBe(0);
        expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);

        await page.getByTestId('nav-notifications').click();
        await page.waitForURL('**/notifications/groups');
        await page.locator('tr[data-group=on-call]').waitFor();
        expect(await page.locator('.subnav').getByRole('link', { name: 'Channels' }).count()).toBe(0);
        expect(await page.getByTestId('new-group').count()).toBe(0);
        await page.locator('.subnav').getByRole('link', { name: 'Delivery log' }).click();
        await page.locator('tr[data-channel=ops-hook][data-outcome=success]').first().waitFor();

        // the hub refuses the same, whatever the console shows
        const statuses = await page.evaluate(async () => [
          (await fetch('/api/v1/notification-channels')).status,
          (
            await fetch('/api/v1/alert-rules', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{}',
            })
          ).status,
        ]);
        expect(statuses).toEqual([403, 403]);
      } finally {
        await user.close();
      }
    },
    SLOW,
  );

  it(
    'the alert and notification screens fit a phone-width screen',
    async () => {
      const { page } = admin;
      await page.setViewportSize({ width: 390, height: 844 });
      const paths = [
        '/',
        '/alerts',
        '/alerts/rules',
        '/alerts/rules/new',
        '/notifications/channels',
        '/notifications/channels/new',
        '/notifications/groups',
        '/notifications/queue',
        '/notifications/log',
        `/servers/${server.id}`,
      ];
      try {
        for (const path of paths) {
          await page.goto(path);
          await page.locator('h1').first().waitFor();
          // what sticks out past the screen's right edge (wide tables scroll inside their own box)
          const wider = await page.evaluate(() => {
            const overflow = document.documentElement.scrollWidth - window.innerWidth;
            return overflow > 0 ? `${overflow}px` : null;
          });
          expect([path, wider]).toEqual([path, null]);
          if (path === '/alerts/rules')
            await page.screenshot({ path: `${SHOTS}/alert-rules-390.png`, fullPage: true });
        }
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    },
    SLOW,
  );
});
