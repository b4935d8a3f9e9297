// page.evaluate callbacks run in the browser: they need the DOM types.
/// <reference lib="dom" />
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import { TOTP, URI } from 'otpauth';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { eventually } from '../support/agents/fixtures.js';
import { ageStepUpProofs } from '../support/second-factor.js';
import { TEST_ADMIN } from '../support/test-app.js';
import { describeWithChromium, openBrowser, signInThroughForm } from './support/browser.js';
import { startConsoleFixture, type ConsoleFixture } from './support/console-fixture.js';

const SLOW = 120_000;
const SHOTS = process.env['HIVEWATCH_SCREENSHOTS'];

function parseTotp(otpauthUrl: string): TOTP {
  const parsed = URI.parse(otpauthUrl);
  if (!(parsed instanceof TOTP)) throw new Error(`not a TOTP URL: ${otpauthUrl}`);
  return parsed;
}

/** No sideways scrolling at 1440 and 390 px; full-page screenshots when HIVEWATCH_SCREENSHOTS names a folder. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect([name, width, overflow]).toEqual([name, width, 0]);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/**
 * Second factor and step-up in the built console, against a real hub with a connected agent: the
 * step-up dialog stands between "Restart" and the agent; an admin enrolls TOTP from the text the
 * security page shows (codes computed here with `otpauth`, as an authenticator app would), signs
 * out and signs back in with a code, then saves a setting through a step-up with a code (requiring a
 * second factor for admins), which keeps another admin on the security page until enrolled.
 */
describeWithChromium('console: step-up and the second factor', () => {
  let fx: ConsoleFixture;
  /** The admin's authenticator, once enrolled; the 30-second step of the last code the hub accepted. */
  let totp: TOTP;
  let lastUsedStep = 0;

  beforeAll(async () => {
    fx = await startConsoleFixture();
  }, 12 * 60_000);

  afterAll(async () => {
    await fx?.close();
  });

  it(
    'asks for a fresh proof of identity before a service restart reaches the agent',
    async () => {
      const { page } = fx.admin;
      await page.goto(`/servers/${fx.server.id}`);
      await signInThroughForm(page);
      await page.getByRole('tab', { name: 'Services' }).click();
      // signing in is a proof of identity too: let its 5-minute window pass
      await ageStepUpProofs(fx.hub);
      await page.locator('[aria-label="Restart nginx"]').click();
      await page.locator('[data-testid=confirm]').click();

      // the hub answered 401 step_up_required: the dialog asks for the password (no second factor yet)
      const dialog = page.locator('[data-testid=step-up-dialog]');
      await dialog.waitFor();
      expect(await dialog.locator('input[name=code]').count()).toBe(0);
      await shoot(page, 'step-up-dialog');
      expect(fx.agent.ran('restart-service')).toBe(0);

      await dialog.locator('input[name=password]').fill('not-the-password');
      await dialog.locator('button[type=submit]').click();
      await dialog.locator('[data-testid=step-up-error]').waitFor();
      expect(fx.agent.ran('restart-service')).toBe(0);

      await dialog.locator('input[name=password]').fill(TEST_ADMIN.password);
      await dialog.locator('button[type=submit]').click();
      await eventually(() => fx.agent.ran('restart-service') === 1, 20_000);
      await page.locator('.toast', { hasText: 'nginx restarted.' }).waitFor();
      expect(await dialog.count()).toBe(0);
    },
    SLOW,
  );

  it(
    'enrolls TOTP from the otpauth text, then signing in asks for a code',
    async () => {
      const { page } = fx.admin;
      await page.goto('/account/security');
      await page.locator('[data-testid=enroll-totp]').click();
      const otpauthUrl = (await page.locator('[data-testid=otpauth-url]').textContent())!.trim();
      // the QR image is the hub's SVG, rendered (the CSP lets data: images through)
      await page.waitForFunction(
        () => (document.querySelector<HTMLImageElement>('img.qr')?.naturalWidth ?? 0) > 0,
      );
      await shoot(page, 'security-enrolling');

      totp = parseTotp(otpauthUrl);
      expect(totp.secret.base32).toBe(
        (await page.locator('[data-testid=totp-secret]').textContent())!.trim(),
      );
      await page.locator('[data-testid=enrollment] input[name=code]').fill(totp.generate());
      await page.locator('[data-testid=enrollment] button[type=submit]').click();
      const codes = page.locator('[data-testid=recovery-codes] li');
      await codes.first().waitFor();
      expect(await codes.count()).toBe(10);
      await page.locator('[data-testid=recovery-codes] button.primary').click();
      await page.locator('[data-testid=second-factor]', { hasText: '10 recovery codes left' }).waitFor();

      await page.locator('[data-testid=account-menu]').click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.waitForURL(/\/sign-in/);
      await signInThroughForm(page);
      const code = page.locator('input[name=code]');
      await code.waitFor();
      expect(await code.getAttribute('autocomplete')).toBe('one-time-code');
      // the enrollment's code cannot be used again: the next 30-second step's code (within the window)
      const at = Date.now() + 30_000;
      lastUsedStep = totp.counter({ timestamp: at });
      await code.fill(totp.generate({ timestamp: at }));
      await page.locator('button[type=submit]').click();
      await page.waitForURL((url) => url.pathname === '/');
      await page.locator('[data-testid=account-menu]').waitFor();
    },
    SLOW,
  );

  it(
    'saves the sign-in settings after a step-up with a code, and an admin without one must enroll',
    async () => {
      const { page } = fx.admin;
      await page.goto('/admin/settings');
      const form = page.locator('form[aria-label="Sign-in settings"]');
      await form.waitFor();
      expect(await form.locator('input[name=localSignIn]').isChecked()).toBe(true);
      expect(await form.locator('input[name=stepUpMaxAgeSeconds]').inputValue()).toBe('300');
      await shoot(page, 'admin-settings');

      await form.locator('input[name=requireSecondFactorForAdmins]').check();
      await ageStepUpProofs(fx.hub);
      await form.locator('button[type=submit]').click();
      const dialog = page.locator('[data-testid=step-up-dialog]');
      await dialog.locator('input[name=code]').waitFor();
      // a code works once: wait for a 30-second step later than the one the sign-in used
      while (totp.counter({ timestamp: Date.now() + 30_000 }) <= lastUsedStep) {
        await new Promise((r) => setTimeout(r, 500));
      }
      await dialog.locator('input[name=code]').fill(totp.generate({ timestamp: Date.now() + 30_000 }));
      await dialog.locator('button[type=submit]').click();
      await page.locator('.toast', { hasText: 'Sign-in settings saved.' }).waitFor();
      const saved = await request(fx.hub.url)
        .get('/api/v1/settings/auth')
        .set('Cookie', fx.cookie)
        .expect(200);
      expect(saved.body).toMatchObject({ requireSecondFactorForAdmins: true });

      // another admin, without a second factor: kept on the security page until enrolled
      await request(fx.hub.url)
        .post('/api/v1/users')
        .set('Cookie', fx.cookie)
        .send({ username: 'ops2', password: 'ops2-password-00001', role: 'admin' })
        .expect(201);
      const second = await openBrowser(fx.hub.url);
      try {
        await second.page.goto('/alerts');
        await signInThroughForm(second.page, 'ops2', 'ops2-password-00001');
        await second.page.waitForURL((url) => url.pathname === '/account/security');
        await second.page.locator('[data-testid=must-enroll]').waitFor();
        await second.page.goto('/admin/users');
        await second.page.waitForURL((url) => url.pathname === '/account/security');
        await second.page.locator('[data-testid=enroll-totp]').click();
        const url = (await second.page.locator('[data-testid=otpauth-url]').textContent())!.trim();
        await second.page
          .locator('[data-testid=enrollment] input[name=code]')
          .fill(parseTotp(url).generate());
        await second.page.locator('[data-testid=enrollment] button[type=submit]').click();
        await second.page.locator('[data-testid=recovery-codes]').waitFor();
        await second.page.locator('[data-testid=must-enroll]').waitFor({ state: 'detached' });
        await second.page.goto('/admin/users');
        await second.page.locator('table[aria-label=Users]').waitFor();
        expect(new URL(second.page.url()).pathname).toBe('/admin/users');
      } finally {
        await second.close();
      }
    },
    SLOW,
  );
});
