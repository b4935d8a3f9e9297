// page.evaluate callbacks run in the browser: they need the DOM types.
/// <reference lib="dom" />
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import request from 'supertest';
import { createServer, eventually } from '../support/agents/fixtures.js';
import { startRealAgent, type RealAgentHandle } from '../support/agents/real-agent.js';
import { signIn } from '../support/http.js';
import { ageStepUpProofs } from '../support/second-factor.js';
import { startTestApp, TEST_ADMIN, type TestApp } from '../support/test-app.js';
import {
  describeWithChromium,
  openBrowser,
  signInThroughForm,
  type BrowserSession,
} from './support/browser.js';
import { ensureConsoleBuilt } from './support/console-build.js';

const SLOW = 120_000;
const SHOTS = process.env['HIVEWATCH_SCREENSHOTS'];

/** The text xterm.js shows (its DOM renderer: one row element per line). */
async function screenText(page: Page): Promise<string> {
  return page.locator('[data-testid=terminal-screen] .xterm-rows').innerText();
}

async function waitForScreen(page: Page, pattern: RegExp, timeoutMs = 20_000): Promise<string> {
  let last = '';
  try {
    return await eventually(
      async () => {
        last = await screenText(page);
        return pattern.test(last) ? last : undefined;
      },
      timeoutMs,
      100,
    ).then((t) => t ?? last);
  } catch {
    throw new Error(`terminal never showed ${pattern}; it shows:\n${last}`);
  }
}

/** Types a line into the terminal the way a user does (keyboard events into xterm's textarea). */
async function typeLine(page: Page, line: string): Promise<void> {
  await page.locator('[data-testid=terminal-screen] textarea').focus();
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
}

/** No sideways scrolling at 1440 and 390 px; screenshots when HIVEWATCH_SCREENSHOTS names a folder. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(300);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect([name, width, overflow]).toEqual([name, width, 0]);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/**
 * The Terminal tab in the built console, against a real hub and our real agent running a real PTY:
 * step-up, then a shell whose output and size follow the browser; a host without the capability
 * shows how to turn it on; Administration → Sessions lists the session.
 */
describeWithChromium('console: terminal', () => {
  let hub: TestApp;
  let cookie: string;
  let withTerminal: { id: string; token: string };
  let without: { id: string; token: string };
  const agents: RealAgentHandle[] = [];
  let browser: BrowserSession;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    hub = await startTestApp();
    cookie = await signIn(hub);
    // record sessions, so the replay can be checked (a fresh sign-in is the step-up proof)
    await request(hub.url)
      .put('/api/v1/terminal/settings')
      .set('Cookie', cookie)
      .send({ recording: true, maxSessionsPerServer: 4, maxSessionsPerUser: 8 })
      .expect(200);
    withTerminal = await createServer(hub.url, cookie, 'shell-01');
    without = await createServer(hub.url, cookie, 'plain-01');
    for (const [server, capabilities] of [
      [withTerminal, ['terminal']],
      [without, []],
    ] as const) {
      agents.push(
        await startRealAgent(hub.url, {
          agentId: server.id,
          token: server.token,
          capabilities: [...capabilities],
        }),
      );
    }
    browser = await openBrowser(hub.url);
  }, 12 * 60_000);

  afterAll(async () => {
    await browser?.close();
    for (const a of agents) a.stop();
    await hub?.close();
  });

  it(
    'opens a shell after step-up, runs a command and follows the window size',
    async () => {
      const { page } = browser;
      await page.goto(`/servers/${withTerminal.id}`);
      await signInThroughForm(page);
      await page.getByRole('tab', { name: 'Terminal' }).click();
      // signing in is a proof of identity too: let it age so the ticket asks for a fresh one
      await ageStepUpProofs(hub);
      await page.locator('[data-testid=terminal-open]').click();
      const dialog = page.locator('[data-testid=step-up-dialog]');
      await dialog.waitFor();
      await dialog.locator('input[name=password]').fill(TEST_ADMIN.password);
      await dialog.locator('button[type=submit]').click();

      await page.getByText('Connected.').waitFor();
      await typeLine(page, 'echo hw-$((6*7))');
      await waitForScreen(page, /^hw-42$/m);

      await typeLine(page, 'stty size');
      const before = await waitForScreen(page, /^\d+ \d+$/m);
      const size1 = before.match(/^(\d+) (\d+)$/m)!;
      const [rows1, cols1] = [Number(size1[1]), Number(size1[2])];
      expect(cols1).toBeGreaterThan(40);

      await page.setViewportSize({ width: 700, height: 600 });
      await typeLine(page, 'clear; stty size');
      const after = await eventually(
        async () => {
          const m = (await screenText(page)).match(/^(\d+) (\d+)$/m);
          return m && Number(m[2]) !== cols1 ? m : undefined;
        },
        20_000,
        200,
      );
      const [rows2, cols2] = [Number(after[1]), Number(after[2])];
      expect(cols2).toBeLessThan(cols1);
      expect(rows2).toBeLessThanOrEqual(rows1);
      await page.setViewportSize({ width: 1280, height: 900 });
      await typeLine(page, 'printf "%s\\n" "Terminal output at $(date +%H:%M)"; ls /');
      await waitForScreen(page, /Terminal output at/);
      await shoot(page, 'terminal-tab');
    },
    SLOW,
  );

  it(
    'lists the live session under Administration → Sessions, and ending it there ends the shell',
    async () => {
      // the terminal stays open in the first tab; a second tab shows the sessions
      const page = await browser.context.newPage();
      try {
        await page.goto('/admin/sessions');
        const live = page.locator('[data-testid=live-sessions]');
        await live.getByText('shell-01').waitFor();
        expect(await live.getByText(TEST_ADMIN.username).count()).toBe(1);
        await shoot(page, 'sessions-page');
        await live.getByRole('button', { name: 'End' }).click();
        await page.locator('[data-testid=confirm]').click();
        const past = page.locator('[data-testid=past-sessions]');
        await past.getByText('shell-01').waitFor({ timeout: 20_000 });
        await eventually(async () => (await live.count()) === 0, 20_000, 200);
        expect(await past.getByText('closed').count()).toBe(1);
        expect(await past.getByRole('link', { name: 'Download' }).getAttribute('href')).toMatch(
          /^\/api\/v1\/terminal\/sessions\/[\w-]+\/recording$/,
        );

        // the recording replays in the console with its timing, at 4×
        await past.getByRole('button', { name: 'Replay' }).click();
        const replay = page.locator('[data-testid=session-replay]');
        await replay.getByRole('button', { name: '4×' }).click();
        // The replay ends on the session's last screen (the earlier `hw-42` went with `clear`): the
        // line printed last is there once the player says it is done.
        await eventually(
          async () => (await replay.locator('[data-testid=player-toggle]').innerText()) === 'Replay',
          60_000,
          200,
        );
        expect(await replay.locator('.xterm-rows').innerText()).toMatch(/^Terminal output at \d\d:\d\d$/m);
        await shoot(page, 'sessions-replay');
        const message = browser.page.locator('[data-testid=terminal-message]');
        await message.waitFor({ timeout: 20_000 });
        expect(await message.innerText()).toBe('Session ended: closed by a user or an admin');
        expect(await browser.page.locator('[data-testid=terminal-open]').innerText()).toBe('Reconnect');
      } finally {
        await page.close();
      }
    },
    SLOW,
  );

  it(
    'shows how to turn the terminal on for a host whose agent does not allow it',
    async () => {
      const { page } = browser;
      await page.goto(`/servers/${without.id}`);
      await page.getByRole('tab', { name: 'Terminal' }).click();
      const off = page.locator('[data-testid=terminal-not-enabled]');
      await off.waitFor();
      expect(await off.innerText()).toContain(
        'Terminal is not enabled on this host — set capabilities in the agent config',
      );
      expect(await off.locator('pre').innerText()).toBe('"capabilities": ["terminal"]');
      expect(await page.locator('[data-testid=terminal-open]').count()).toBe(0);
      await shoot(page, 'terminal-not-enabled');
    },
    SLOW,
  );
});
