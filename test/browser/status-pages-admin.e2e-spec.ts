// page.evaluate callbacks run in the browser: they need the DOM types.
/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { createServer } from '../support/agents/fixtures.js';
import { signIn } from '../support/http.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import {
  describeWithChromium,
  openAsNewViewer,
  openBrowser,
  signInThroughForm,
  type BrowserSession,
} from './support/browser.js';
import { ensureConsoleBuilt } from './support/console-build.js';

const SLOW = 180_000;
/** Screenshots for a person to look at (HIVEWATCH_SHOTS names the folder). */
const SHOTS =
  process.env.HIVEWATCH_SHOTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-status-shots-'));

/** Full-page screenshots at desktop and phone width; nothing may stick out sideways on the phone. */
async function shoot(page: Page, name: string): Promise<void> {
  // toasts said their piece: they would cover the page in the pictures
  const toasts = page.locator('.toast button[aria-label=Dismiss]');
  for (let i = 0; i < 10 && (await toasts.count()) > 0; i++)
    await toasts
      .first()
      .click({ timeout: 2000 })
      .catch(() => undefined);
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow).toBeLessThanOrEqual(width);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** Administration → Status pages: an admin composes and publishes a page, then reports an incident. */
describeWithChromium('console: public status pages (administration)', () => {
  let hub: TestApp;
  let cookie: string;
  let admin: BrowserSession;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    await ensureConsoleBuilt();
    hub = await startTestApp();
    cookie = await signIn(hub);
    await createServer(hub.url, cookie, 'web-01');
    await createServer(hub.url, cookie, 'db-01');
    admin = await openBrowser(hub.url);
  }, SLOW);

  afterAll(async () => {
    await admin?.close();
    await hub?.close();
  });

  it(
    'composes a page of a group with two servers under public names, publishes it, reports an incident the public sees',
    async () => {
      const { page } = admin;
      await page.goto('/');
      await signInThroughForm(page);
      await page.waitForURL((u) => !u.pathname.includes('sign-in'));

      // the section's navigation leads to the list
      await page.getByTestId('nav-admin').click();
      await page.locator('.subnav').getByRole('link', { name: 'Status pages' }).click();
      await page.waitForURL('**/admin/status-pages');
      await page.getByText('No status pages yet.').waitFor();

      // the form asks for what is missing first
      await page.getByTestId('new-status-page').click();
      const form = page.locator('form[aria-label="Status page"]');
      await form.getByRole('button', { name: 'Save page' }).click();
      await form.getByText('Give the page a title.').waitFor();

      await form.locator('input[name=title]').fill('Acme Status');
      await expect(form.locator('input[name=slug]').inputValue()).resolves.toBe('acme-status');
      await form.locator('input[name=logoText]').fill('ACME');
      await form.locator('[data-field=group-name]').fill('Websites');
      await form.locator('input[data-server="web-01"]').check();
      await form.locator('input[data-server="db-01"]').check();
      // picked servers have no public name until one is given
      await form.getByRole('button', { name: 'Save page' }).click();
      await expect(form.getByText('Give the name the public sees.').count()).resolves.toBe(2);
      await form.getByLabel('Public name of web-01').fill('Website');
      await form.getByLabel('Public name of db-01').fill('Database');
      const dbRow = form.locator('li[data-component="db-01"]');
      await dbRow.getByLabel('Show address').check();
      await dbRow.getByText('published on the public page').waitFor();
      await dbRow.getByLabel('Show address').uncheck();
      await form.locator('input[name=published]').check();
      await shoot(page, 'status-page-editor');
      await form.getByRole('button', { name: 'Save page' }).click();
      await page.waitForURL(/\/admin\/status-pages\/[0-9a-f-]{36}$/);
      await page.getByText('Status page Acme Status saved and published.').waitFor();
      const href = await page.getByTestId('open-public-page').getAttribute('href');
      expect(href).toBe('/status/acme-status');
      expect(await page.getByTestId('open-public-page').getAttribute('target')).toBe('_blank');
      await shoot(page, 'status-page-edit');

      // an incident on Website, then an update on its timeline
      await page.getByRole('link', { name: 'Incidents', exact: true }).click();
      await page.waitForURL('**/incidents');
      await page.getByTestId('new-incident').click();
      const incidentForm = page.locator('form[aria-label="New incident"]');
      await incidentForm.locator('input[name=title]').fill('Slow checkout');
      await incidentForm.locator('select[name=impact]').selectOption('major');
      await incidentForm.locator('input[data-component="Website"]').check();
      await incidentForm
        .locator('textarea[name=message]')
        .fill('Checkout pages load slowly; we are looking into it.');
      await shoot(page, 'status-page-incident-form');
      await incidentForm.getByRole('button', { name: 'Post incident' }).click();
      const card = page.locator('article[data-incident="Slow checkout"]');
      await card.getByText('affects Website').waitFor();
      await card.locator('select[name=status]').selectOption('identified');
      await card.locator('textarea[name=message]').fill('A slow database query; a fix is being deployed.');
      await card.getByRole('button', { name: 'Post update' }).click();
      await card.locator('.timeline li').nth(1).waitFor();
      await expect(card.locator('.timeline li').first().textContent()).resolves.toContain('Identified');
      await shoot(page, 'status-page-incidents');

      // a maintenance window on Database, in the browser's time zone
      await page.getByRole('link', { name: 'Maintenance', exact: true }).click();
      await page.getByTestId('new-maintenance').click();
      const windowForm = page.locator('form[aria-label="New maintenance window"]');
      await windowForm.getByRole('button', { name: 'Save window' }).click();
      await windowForm.getByText('Pick the components under maintenance.').waitFor();
      await windowForm.locator('input[name=title]').fill('Database upgrade');
      await windowForm.locator('input[data-component="Database"]').check();
      await windowForm.getByTestId('time-zone').waitFor();
      await shoot(page, 'status-page-maintenance-form');
      await windowForm.getByRole('button', { name: 'Save window' }).click();
      await page.locator('section[data-phase=upcoming] li[data-window="Database upgrade"]').waitFor();
      await shoot(page, 'status-page-maintenance');

      // the list shows it published, with its open incident
      await page.goto('/admin/status-pages');
      const row = page.locator('tr[data-status-page="acme-status"]');
      await expect(row.textContent()).resolves.toMatch(
        /Acme Status.*published.*1 open incident.*\/status\/acme-status/s,
      );
      await shoot(page, 'status-page-list');

      // the public, without an account, sees the incident under the public names only
      const visitor = await openBrowser(hub.url);
      try {
        expect(await visitor.context.cookies()).toEqual([]);
        await visitor.page.goto('/status/acme-status');
        await visitor.page.getByText('Slow checkout').first().waitFor();
        const text = await visitor.page.locator('body').innerText();
        expect(text).toContain('Website');
        expect(text).toContain('Database upgrade');
        expect(text).not.toContain('web-01');
        expect(text).not.toContain('db-01');
        await shoot(visitor.page, 'status-page-public');
      } finally {
        await visitor.close();
      }
    },
    SLOW,
  );

  it(
    'a user-role account is not offered status pages and cannot reach them by URL',
    async () => {
      const user = await openAsNewViewer(hub, cookie, '/');
      try {
        const { page } = user;
        await page.waitForURL((u) => !u.pathname.includes('sign-in'));
        await page.locator('.topbar').waitFor();
        expect(await page.locator('[data-testid=nav-admin]').count()).toBe(0);
        await page.goto('/admin/status-pages');
        await page.waitForURL(/\/\?denied=admin$/);
        expect(await page.locator('table[aria-label="Status pages"]').count()).toBe(0);
      } finally {
        await user.close();
      }
    },
    SLOW,
  );
});
