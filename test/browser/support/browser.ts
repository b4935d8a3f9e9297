import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from '@jest/globals';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createUserAndSignIn } from '../../support/http.js';
import { TEST_ADMIN, type TestApp } from '../../support/test-app.js';

/** Debian's Chromium (stack.md): `apt-get install -y chromium`. Override with HIVEWATCH_CHROMIUM. */
export const CHROMIUM = process.env.HIVEWATCH_CHROMIUM ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * `describe` when Chromium is installed. Without it: in CI (CI=true) the suite FAILS — a skipped
 * browser suite must never pass for a green build; locally it is skipped with the install hint.
 */
export function describeWithChromium(name: string, body: () => void): void {
  if (fs.existsSync(CHROMIUM)) {
    describe(name, body);
    return;
  }
  const hint = `Chromium not found at ${CHROMIUM}: install it with \`sudo apt-get install -y chromium\` (or set HIVEWATCH_CHROMIUM)`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs Chromium', () => {
        throw new Error(hint);
      });
    });
    return;
  }
  process.stderr.write(`\n[browser tests skipped] ${hint}\n`);
  describe.skip(name, body);
}

export interface BrowserSession {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A fresh Chromium profile (its own temporary --user-data-dir), headless, loopback only. */
export async function openBrowser(baseURL: string): Promise<BrowserSession> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-chromium-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: CHROMIUM,
    headless: true,
    args: FLAGS,
    baseURL,
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(30_000);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    async close() {
      await context.close().catch(() => undefined);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the console's own form. */
export async function signInThroughForm(
  page: Page,
  username: string = TEST_ADMIN.username,
  password: string = TEST_ADMIN.password,
): Promise<void> {
  await page.locator('input[name=username]').fill(username);
  await page.locator('input[name=password]').fill(password);
  await page.locator('button[type=submit]').click();
}

/** Polls until `read()` satisfies `ok`, returning the last value; fails with what was last seen. */
export async function waitForValue<T>(
  read: () => Promise<T>,
  ok: (v: T) => boolean,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    try {
      last = await read();
      if (ok(last)) return last;
    } catch {
      // element not there yet
    }
    if (Date.now() > deadline)
      throw new Error(`condition not met in ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The user-role account the browser tests create to check what a non-admin is offered. */
export const VIEWER = { username: 'viewer', password: 'viewer-password-123', role: 'user' } as const;

/**
 * Creates the viewer account (through the API, as admin) and opens a second browser signed in as
 * it through the console's form, starting from `path`. Close it when done.
 */
export async function openAsNewViewer(
  hub: TestApp,
  adminCookie: string,
  path: string,
): Promise<BrowserSession> {
  await createUserAndSignIn(hub, adminCookie, VIEWER);
  const session = await openBrowser(hub.url);
  await session.page.goto(path);
  await signInThroughForm(session.page, VIEWER.username, VIEWER.password);
  return session;
}
