// page.evaluate callbacks run in the browser: they need the DOM types.
/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import type { RunningProcess } from '../support/agents/agent-bundle.js';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import {
  agentExecutable,
  cleanEnv,
  runInstaller,
  startInstalled,
  stopAgent,
} from '../e2e/agent-install-support.js';
import {
  describeWithChromium,
  openBrowser,
  signInThroughForm,
  waitForValue,
  type BrowserSession,
} from './support/browser.js';
import { ensureConsoleBuilt } from './support/console-build.js';

const SHOTS = process.env['HIVEWATCH_SCREENSHOTS'];
const NAME = 'first-host';

/** The first live sample the hub holds for `serverId` (its receive time, Unix ms), read as the console reads it. */
async function firstSampleAt(page: Page, serverId: string, agent: RunningProcess): Promise<number> {
  return waitForValue(
    async () => {
      if (agent.child.exitCode !== null) throw new Error(`the agent ended:\n${agent.output()}`);
      const res = await page.request.get(`/api/v1/servers/${serverId}/live`);
      return res.ok() ? ((await res.json()) as { receivedAt: number }).receivedAt : 0;
    },
    (at) => at > 0,
    30_000,
  );
}

/** No sideways scrolling at `width`; a full-page screenshot when HIVEWATCH_SCREENSHOTS names a folder. */
async function shootServerPage(page: Page, width: number): Promise<void> {
  await page.locator('[data-chart=cpu] canvas').first().waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect([width, overflow]).toEqual([width, 0]);
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/first-hour-server-${width}.png`, fullPage: true });
}

/**
 * The first hour of a new user, end to end: the built hub starts on an empty data folder and
 * generates the first admin's password; the admin signs in with it, adds a server in
 * Administration → Servers, pastes the install command exactly as the dialog shows it (into a
 * temporary root: no systemd here, so the agent is started as the script says), and the agent
 * executable enrolls and reports: online on the overview, live points in the server's chart.
 */
describeWithChromium('the first hour: fresh hub → add server → install command → live chart', () => {
  let hub: HubProcess;
  let admin: BrowserSession;
  let work: string;
  let agent: RunningProcess | undefined;

  beforeAll(async () => {
    await ensureConsoleBuilt();
    agentExecutable();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-first-hour-'));
    // No preset admin password: the hub generates one, as on a new user's machine.
    hub = await startHubProcess({ HIVEWATCH_ADMIN_PASSWORD: '' });
    admin = await openBrowser(hub.url);
  }, 15 * 60_000);

  afterAll(async () => {
    await stopAgent(agent);
    await admin?.close();
    await hub?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it('signs in with the generated password, adds a server, runs its command, and charts it live', async () => {
    const { page } = admin;
    const file = path.join(hub.dataDir, 'initial-admin-password.txt');
    const credentials = await waitForValue(
      () => fs.promises.readFile(file, 'utf8'),
      (text) => /^password: \S+$/m.test(text),
    );
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const password = /^password: (\S+)$/m.exec(credentials)![1]!;

    await page.goto('/');
    await page.waitForURL(/\/sign-in/);
    await signInThroughForm(page, 'admin', password);
    await page.locator('[data-testid=nav-admin]').click();
    await page.getByRole('link', { name: 'Servers', exact: true }).click();
    await page.waitForURL('**/admin/servers');
    await page.locator('[data-testid=add-server]').click();
    await page.locator('form[aria-label="Add server"] input[name=name]').fill(NAME);
    await page.locator('form[aria-label="Add server"] button[type=submit]').click();
    const command = (await page
      .locator('[data-testid=secret-panel] [data-secret="Agent command"]')
      .textContent())!.trim();
    expect(command).toMatch(
      new RegExp(
        `^HIVEWATCH_AGENT_ID=\\S+ HIVEWATCH_AGENT_TOKEN=hwa_\\S+ sh -c "\\$\\(curl -fsSL ${hub.url}/install-agent\\.sh\\)"$`,
      ),
    );
    const serverId = /HIVEWATCH_AGENT_ID=(\S+)/.exec(command)![1]!;
    expect(fs.existsSync(file)).toBe(false); // deleted at the first sign-in

    // The overview in a second tab, the server's page in the first: both open before the agent exists.
    const overview = await admin.context.newPage();
    await overview.goto('/');
    await overview.locator(`[data-server="${NAME}"]`).waitFor();
    await expect(overview.locator(`[data-server="${NAME}"] .badge`).textContent()).resolves.toContain(
      'offline',
    );
    await page.goto(`/servers/${serverId}`);
    await page.locator('h1', { hasText: NAME }).waitFor();
    await page.locator('.history').scrollIntoViewIfNeeded();

    const root = path.join(work, 'root');
    const commandRun = Date.now();
    const installed = await runInstaller(command, cleanEnv({ INSTALL_ROOT: root }));
    expect(installed.output).toContain('SHA-256 verified');
    expect(installed.start).toEqual([
      path.join(root, 'usr/local/lib/hivewatch/hivewatch-agent'),
      '--config',
      path.join(root, 'etc/hivewatch/agent.json'),
    ]);
    agent = startInstalled(installed.start);
    const running = agent;

    const [online, charted, firstSample] = await Promise.all([
      waitForValue(
        () => overview.locator(`[data-server="${NAME}"] .badge.on`).count(),
        (n) => n === 1,
        60_000,
      ).then(() => Date.now()),
      waitForValue(
        () => page.locator('.charts[data-live-points]').getAttribute('data-live-points'),
        (n) => Number(n) >= 1,
        60_000,
      ).then(() => Date.now()),
      firstSampleAt(page, serverId, running),
    ]);
    const seconds = (ms: number) => (ms / 1000).toFixed(2);
    console.log(
      `first hour: command run → server online on the overview ${seconds(online - commandRun)} s; ` +
        `→ first live chart point ${seconds(charted - commandRun)} s ` +
        `(${seconds(charted - firstSample)} s after the hub received the agent's first sample)`,
    );
    expect(charted - firstSample).toBeLessThan(10_000);
    await expect(
      overview.locator(`[data-server="${NAME}"] [data-metric=cpu]`).textContent(),
    ).resolves.toMatch(/\d+(\.\d)? %/);
    await overview.close();

    // The chart keeps moving with the next samples, without a reload.
    await waitForValue(
      () => page.locator('.charts[data-live-points]').getAttribute('data-live-points'),
      (n) => Number(n) >= 3,
      15_000,
    );
    await page.setViewportSize({ width: 1440, height: 900 });
    await shootServerPage(page, 1440);
    // A phone opens the page at its own width (the charts load as they scroll into view).
    await page.setViewportSize({ width: 390, height: 900 });
    await page.reload();
    await page.locator('h1', { hasText: NAME }).waitFor();
    await waitForValue(
      async () => {
        await page.evaluate(() => window.scrollBy(0, 300));
        return page.locator('.charts[data-live-points]').getAttribute('data-live-points');
      },
      (n) => Number(n) >= 1,
      10_000,
    );
    await shootServerPage(page, 390);
  }, 240_000);
});
