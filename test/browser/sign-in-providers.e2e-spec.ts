// page.evaluate callbacks run in the browser: they need the DOM types.
/// <reference lib="dom" />
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { describeWithChromium, openBrowser, type BrowserSession } from './support/browser.js';
import { ensureConsoleBuilt } from './support/console-build.js';

const SLOW = 120_000;
const SHOTS = process.env['HIVEWATCH_SCREENSHOTS'];

async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect([name, width, overflow]).toEqual([name, width, 0]);
  }
}

/**
 * The sign-in page of a hub with providers configured: one button per provider, and a provider
 * error in plain words. (The round trip through a provider's own login page is sso-oidc.e2e-spec.)
 * GitHub's endpoints point at a closed loopback port: nothing here contacts them.
 */
describeWithChromium('console: the sign-in page with providers', () => {
  let hub: TestApp;
  let browser: BrowserSession;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    hub = await startTestApp({
      HIVEWATCH_PUBLIC_URL: 'http://127.0.0.1:9',
      HIVEWATCH_GITHUB_CLIENT_ID: 'gh-client',
      HIVEWATCH_GITHUB_CLIENT_SECRET: 'gh-secret',
      HIVEWATCH_GITHUB_WEB_URL: 'http://127.0.0.1:9',
      HIVEWATCH_GITHUB_API_URL: 'http://127.0.0.1:9',
    });
    browser = await openBrowser(hub.url);
  }, 12 * 60_000);

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
  });

  it(
    'offers the provider, keeps the password form, and explains why a provider sign-in failed',
    async () => {
      const { page } = browser;
      await page.goto('/sign-in?next=%2Falerts&error=group-not-allowed');
      const github = page.locator('a.provider[data-provider=github]');
      await github.waitFor();
      expect((await github.textContent())?.trim()).toBe('Sign in with GitHub');
      expect(await github.getAttribute('href')).toBe(
        '/api/v1/auth/sso/github/start?purpose=sign-in&returnTo=%2Falerts',
      );
      expect(await page.locator('[data-testid=provider-error]').textContent()).toContain(
        'in no group that may use Hivewatch',
      );
      expect(await page.locator('[data-testid=local-form] input[name=password]').count()).toBe(1);
      await shoot(page, 'sign-in-providers');
    },
    SLOW,
  );
});
