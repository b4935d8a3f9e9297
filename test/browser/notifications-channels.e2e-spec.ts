// page.evaluate callbacks run in the browser: they need the DOM types.
/// <reference lib="dom" />
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { ServiceStandIn } from '../../src/notifications/senders/services/stand-in.test-helper.js';
import { describeWithChromium, signInThroughForm } from './support/browser.js';
import { startConsoleFixture, type ConsoleFixture } from './support/console-fixture.js';

const SLOW = 120_000;
const SHOTS =
  process.env.HIVEWATCH_SHOTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-channel-shots-'));

describeWithChromium('service channels in the console', () => {
  let fixture: ConsoleFixture;
  const ntfy = new ServiceStandIn({ status: 200, body: '{"id":"m1"}' });

  beforeAll(async () => {
    await ntfy.start();
    fixture = await startConsoleFixture();
  }, 12 * 60_000);
  afterAll(async () => {
    await fixture?.close();
    await ntfy.stop();
  });

  it(
    'an ntfy channel is created in the form (which fits 1440 and 390 px) and its test reaches ntfy',
    async () => {
      const { page } = fixture.admin;
      process.stderr.write(`channel form screenshots: ${SHOTS}\n`);
      await page.goto('/notifications/channels/new');
      await signInThroughForm(page);
      const form = page.locator('form[aria-label="Notification channel"]');
      await form.locator('select[name=type]').selectOption({ label: 'ntfy' });
      await form.locator('input[name=name]').fill('phones');
      await form.locator('input[name=serviceUrl]').fill(`${ntfy.url}/push`);
      await form.locator('input[name=topic]').fill('has space');
      await form.getByRole('button', { name: 'Save channel' }).click();
      await form.getByText('Letters, digits, - and _ only (at most 64).').waitFor();
      await form.locator('input[name=topic]').fill('ops-alerts');
      await form.locator('input[name=serviceSecret]').fill('tk_console_token');
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: 900 });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect([width, overflow]).toEqual([width, 0]);
        await page.screenshot({ path: `${SHOTS}/channel-ntfy-${width}.png`, fullPage: true });
      }
      await page.setViewportSize({ width: 1280, height: 900 });
      await form.getByRole('button', { name: 'Save channel' }).click();

      const row = page.locator('[data-channel=phones]');
      await row.waitFor();
      expect(await row.textContent()).toContain(`ntfy at ${ntfy.url}/push, topic ops-alerts`);
      expect(await row.textContent()).not.toContain('tk_console_token');
      await row.getByRole('button', { name: 'Send test' }).click();
      await row.getByTestId('test-outcome').waitFor();
      expect(await row.getByTestId('test-outcome').textContent()).toContain('test delivered (200)');
      const push = ntfy.received.at(-1)!;
      expect([push.url, push.headers['authorization']]).toEqual([
        '/push/ops-alerts',
        'Bearer tk_console_token',
      ]);

      const listed = await request(fixture.hub.url)
        .get('/api/v1/notification-channels')
        .set('Cookie', fixture.cookie)
        .expect(200);
      expect(listed.body).toEqual([
        expect.objectContaining({
          type: 'ntfy',
          settings: { serverUrl: `${ntfy.url}/push`, topic: 'ops-alerts' },
          secretsSet: ['token'],
        }),
      ]);
    },
    SLOW,
  );
});
