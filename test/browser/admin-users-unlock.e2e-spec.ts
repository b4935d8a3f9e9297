// page.evaluate callbacks run in the browser: they need the DOM types.
/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import request from 'supertest';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  describeWithChromium,
  openBrowser,
  signInThroughForm,
  type BrowserSession,
} from './support/browser.js';
import { ensureConsoleBuilt } from './support/console-build.js';

const SLOW = 120_000;
const SHOTS =
  process.env.HIVEWATCH_SHOTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-unlock-shots-'));

/** Administration → Users: an admin ends the sign-in delay an attack put on an account. */
describeWithChromium('console: unlock a user’s sign-in', () => {
  let hub: TestApp;
  let browser: BrowserSession;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    hub = await startTestApp({ HIVEWATCH_TRUST_PROXY: 'true' });
    const cookie = await signIn(hub);
    await request(hub.url)
      .post('/api/v1/users')
      .set('Cookie', cookie)
      .send({ username: 'frank', password: 'frank-password-1', role: 'user' })
      .expect(201);
    // an attack on frank from six addresses (one failure each: no address is throttled)
    for (let i = 1; i <= 6; i++)
      await request(hub.url)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', `10.7.0.${i}`)
        .send({ username: 'frank', password: 'wrong-password' })
        .expect(401);
    browser = await openBrowser(hub.url);
  }, SLOW);
  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it(
    'offers "Unlock" (sign-in) per user, says how many failures it forgot, and fits a phone',
    async () => {
      const { page } = browser;
      await page.goto('/');
      await signInThroughForm(page);
      await page.waitForURL((u) => !u.pathname.includes('sign-in'));
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto('/admin/users');
        const button = page.getByRole('button', { name: 'Unlock sign-in of frank' });
        await button.waitFor();
        await page.screenshot({ path: path.join(SHOTS, `admin-users-unlock-${width}.png`), fullPage: true });
        const box = (await button.boundingBox())!;
        expect(box.x).toBeGreaterThanOrEqual(0);
        expect(box.x + box.width).toBeLessThanOrEqual(width);
      }
      await page.getByRole('button', { name: 'Unlock sign-in of frank' }).click();
      await page.getByText('6 failed sign-ins of frank forgotten.').waitFor();
      await page.getByRole('button', { name: 'Unlock sign-in of frank' }).click();
      await page.getByText('frank had no recent failed sign-ins.').waitFor();
      // the delay is gone: frank signs in without waiting (it was 500 ms before)
      const started = Date.now();
      await request(hub.url)
        .post('/api/v1/auth/login')
        .set('X-Forwarded-For', '10.7.1.1')
        .send({ username: 'frank', password: 'frank-password-1' })
        .expect(200);
      expect(Date.now() - started).toBeLessThan(450);
    },
    SLOW,
  );
});
