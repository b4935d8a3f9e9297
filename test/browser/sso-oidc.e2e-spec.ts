import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { startOidcTestProvider, type OidcTestProvider } from '../support/oidc-test-provider.js';
import { freePort } from '../support/hub-process.js';
import { TEST_ADMIN } from '../support/test-app.js';
import { describeWithChromium, openBrowser, type BrowserSession } from './support/browser.js';
import { startConsoleFixture, type ConsoleFixture } from './support/console-fixture.js';

const SLOW = 240_000;
const SHOTS = process.env.HIVEWATCH_SHOTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-sso-shots-'));

/**
 * Sign-in from the console's provider button through the real provider's own login page, landing
 * on the overview with the role the provider's groups map to. The hub listens on a port chosen
 * first, so that HIVEWATCH_PUBLIC_URL (the redirect URI, the live stream's allowed origin) is the
 * very address the browser uses.
 */
describeWithChromium('console: single sign-on through an OpenID Connect provider', () => {
  let idp: OidcTestProvider;
  let fixture: ConsoleFixture;
  const browsers: BrowserSession[] = [];

  beforeAll(async () => {
    const port = await freePort();
    const publicUrl = `http://127.0.0.1:${port}`;
    idp = await startOidcTestProvider({
      redirectUris: [`${publicUrl}/api/v1/auth/sso/corp/callback`],
      accounts: [
        { username: 'alice', password: 'alice-pw-1', email: 'alice@corp.example', groups: ['ops-admins'] },
        { username: 'bob', password: 'bob-pw-1', email: 'bob@corp.example', groups: ['ops-users'] },
      ],
    });
    fixture = await startConsoleFixture({
      HIVEWATCH_PORT: String(port),
      HIVEWATCH_PUBLIC_URL: publicUrl,
      HIVEWATCH_OIDC_ID: 'corp',
      HIVEWATCH_OIDC_NAME: 'Corp SSO',
      HIVEWATCH_OIDC_ISSUER: idp.issuer,
      HIVEWATCH_OIDC_CLIENT_ID: idp.clientId,
      HIVEWATCH_OIDC_CLIENT_SECRET: idp.clientSecret,
      HIVEWATCH_OIDC_SCOPES: 'openid email profile groups',
      HIVEWATCH_OIDC_ADMIN_GROUPS: 'ops-admins',
      HIVEWATCH_OIDC_USER_GROUPS: 'ops-users',
    });
    const api = request(fixture.hub.url);
    await api
      .post('/api/v1/auth/step-up')
      .set('Cookie', fixture.cookie)
      .send({ password: TEST_ADMIN.password })
      .expect(200);
    await api
      .put('/api/v1/settings/auth')
      .set('Cookie', fixture.cookie)
      .send({ allowRegistration: true })
      .expect(200);
  }, SLOW);
  afterAll(async () => {
    for (const b of browsers) await b.close();
    await fixture?.close();
    await idp?.close();
  });

  async function signInThroughProvider(username: string, password: string): Promise<Page> {
    const browser = await openBrowser(fixture.hub.url);
    browsers.push(browser);
    const { page } = browser;
    await page.goto('/sign-in');
    await page.getByRole('link', { name: 'Sign in with Corp SSO' }).click();
    await page.waitForURL((u) => u.origin === idp.issuer);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((u) => u.origin === fixture.hub.url && u.pathname === '/');
    await page.locator('[data-server="web-01"]').first().waitFor();
    return page;
  }

  it(
    'lands an admin-group member on the overview as an admin, and a user-group member as a user',
    async () => {
      const alice = await signInThroughProvider('alice', 'alice-pw-1');
      await expect(alice.getByTestId('account-menu').textContent()).resolves.toContain('alice');
      await alice.getByTestId('nav-admin').waitFor();
      await alice.screenshot({ path: path.join(SHOTS, 'sso-alice-overview.png') });

      const bob = await signInThroughProvider('bob', 'bob-pw-1');
      await expect(bob.getByTestId('account-menu').textContent()).resolves.toContain('bob');
      expect(await bob.getByTestId('nav-admin').count()).toBe(0);
      expect(idp.logins).toBe(2);
    },
    SLOW,
  );
});
