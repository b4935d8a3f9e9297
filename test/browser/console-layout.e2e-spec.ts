// page.evaluate callbacks run in the browser: they need the DOM types.
/// <reference lib="dom" />
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { createServer, eventually } from '../support/agents/fixtures.js';
import { SeedAgent } from '../support/agents/seed-agent.js';
import { describeWithChromium, signInThroughForm, waitForValue } from './support/browser.js';
import { startConsoleFixture, type ConsoleFixture } from './support/console-fixture.js';

const SLOW = 120_000;
/** Screenshots of every checked layout, to look at (kept after the run). */
const SHOTS =
  process.env.HIVEWATCH_SHOTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-layout-shots-'));
const WIDTHS = [1440, 390] as const;
const UPTIME = 123 * 86_400 + 4 * 3_600 + 59;

/** 110 processes, as a busy host reports them. */
const processes = Array.from({ length: 110 }, (_, i) => ({
  pid: 1000 + i,
  name: `worker-${i}`,
  user: 'www-data',
  status: 'sleeping',
  cpuPercent: (i % 17) / 2,
  memoryPercent: 0.3,
}));

/** Elements (by selector) whose content is wider than their box: clipped figures. */
async function clipped(page: Page, selector: string): Promise<string[]> {
  return page
    .locator(selector)
    .evaluateAll((els) =>
      els
        .filter((e) => e.scrollWidth > e.clientWidth)
        .map((e) => `${e.textContent?.trim()} (${e.scrollWidth} > ${e.clientWidth})`),
    );
}

describeWithChromium('console layout, presence and long lists in Chromium', () => {
  let fixture: ConsoleFixture;
  let wide: SeedAgent;
  let keepAlive: NodeJS.Timeout;
  const report = (agent: SeedAgent, over: Record<string, unknown>) => () => agent.sendMetrics(over);

  beforeAll(async () => {
    fixture = await startConsoleFixture({ HIVEWATCH_AGENT_RECONNECT_GRACE_SECONDS: '1' });
    const { hub, cookie } = fixture;
    const busy = await createServer(hub.url, cookie, 'wide-figures');
    wide = new SeedAgent(`${hub.url.replace('http', 'ws')}/api/v1/agents/ws`, {
      serverId: busy.id,
      token: busy.token,
      handlers: { 'get-processes': () => ({ status: 'ok', data: processes }) },
    });
    await wide.connect();
    const wideFigures = {
      cpuUsagePercent: 100,
      ramUsagePercent: 100,
      uptimeSeconds: UPTIME,
      networkInterfaces: [{ name: 'eth0', uploadSpeedMbps: 987.65, downloadSpeedMbps: 1234.5 }],
    };
    const sendWide = report(wide, wideFigures);
    const sendWeb = report(fixture.agent, {});
    sendWide();
    // both stay online for the whole suite (the hub marks a silent agent offline after 30 s)
    keepAlive = setInterval(() => {
      sendWide();
      sendWeb();
    }, 5_000);

    const goneServer = await createServer(hub.url, cookie, 'gone-01');
    const gone = new SeedAgent(`${hub.url.replace('http', 'ws')}/api/v1/agents/ws`, {
      serverId: goneServer.id,
      token: goneServer.token,
    });
    await gone.connect();
    gone.sendMetrics({ cpuUsagePercent: 33.3 });
    await new Promise((r) => setTimeout(r, 500));
    gone.close();
    await eventually(async () => {
      const res = await fetch(`${hub.url}/api/v1/servers/${goneServer.id}`, { headers: { Cookie: cookie } });
      return ((await res.json()) as { offlineSince: string | null }).offlineSince !== null;
    }, 10_000);

    const { page } = fixture.admin;
    await page.goto('/');
    await page.waitForURL(/\/sign-in/);
    await signInThroughForm(page);
    await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
  }, 12 * 60_000);

  afterAll(async () => {
    clearInterval(keepAlive);
    wide?.close();
    await fixture?.close();
    process.stderr.write(`layout screenshots: ${SHOTS}\n`);
  });

  it(
    'overview cards fit long figures at 1440 and 390 px; an offline card says since when, greyed and dated',
    async () => {
      const { page } = fixture.admin;
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto('/');
        const card = page.locator('[data-server="wide-figures"]');
        await waitForValue(
          () => card.locator('[data-metric=uptime]').textContent(),
          (t) => t?.trim() === '123d 4h',
        );
        await expect(card.locator('[data-metric=net-in]').textContent()).resolves.toMatch(/G/);
        await page.screenshot({ path: `${SHOTS}/overview-cards-${width}.png`, fullPage: true });
        expect(await clipped(page, '.server-card dd')).toEqual([]);
        expect(await clipped(page, '.server-card')).toEqual([]);

        const gone = page.locator('[data-server="gone-01"]');
        await expect(gone.locator('[data-testid=offline-since]').textContent()).resolves.toMatch(
          /^Offline since .+ \(for \d+m \d+s\)$/,
        );
        await expect(gone.locator('[data-testid=figures-as-of]').textContent()).resolves.toMatch(/^as of /);
        const grey = await gone.locator('[data-metric=cpu]').evaluate((e) => getComputedStyle(e).color);
        const live = await card.locator('[data-metric=cpu]').evaluate((e) => getComputedStyle(e).color);
        expect(grey).not.toBe(live);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    },
    SLOW,
  );

  it(
    'a server whose metrics were paused from the console says so on its card',
    async () => {
      const { page } = fixture.admin;
      const { hub, cookie, server } = fixture;
      const applyInterval = (metricsInterval: number) =>
        fetch(`${hub.url}/api/v1/servers/${server.id}/agent-config`, {
          method: 'PUT',
          headers: { Cookie: cookie, 'Content-Type': 'application/json', Origin: hub.url },
          body: JSON.stringify({ metricsInterval, watchlist: [] }),
        }).then((r) => r.status);
      await expect(applyInterval(0)).resolves.toBe(200);
      await page.goto('/');
      const card = page.locator('[data-server="web-01"]');
      await expect(card.locator('[data-testid=metrics-paused]').textContent()).resolves.toContain(
        'Metrics paused',
      );
      await expect(card.locator('[data-testid=figures-as-of]').count()).resolves.toBe(1);
      await expect(applyInterval(5)).resolves.toBe(200);
      await card.locator('[data-testid=metrics-paused]').waitFor({ state: 'detached' });
    },
    SLOW,
  );

  it(
    'the account menu closes on Escape and on a click outside it',
    async () => {
      const { page } = fixture.admin;
      await page.goto('/');
      const toggle = page.locator('[data-testid=account-menu]');
      const menu = page.locator('[role=menu]');
      await toggle.click();
      await menu.waitFor();
      await page.keyboard.press('Escape'); // focus is on the toggle, not in the menu
      await menu.waitFor({ state: 'detached' });
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');

      await toggle.click();
      await menu.waitFor();
      await page.locator('h1', { hasText: 'Overview' }).click();
      await menu.waitFor({ state: 'detached' });

      await toggle.click();
      await menu.locator('select').selectOption('dark'); // a click inside keeps it open
      await expect(menu.isVisible()).resolves.toBe(true);
    },
    SLOW,
  );

  it(
    'Administration → Servers shows presence and last contact, and its buttons fit a phone',
    async () => {
      const { page } = fixture.admin;
      for (const width of WIDTHS) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto('/admin/servers');
        const web = page.locator('tr[data-server="web-01"] [data-testid=presence]');
        await expect(web.textContent()).resolves.toMatch(/^\s*online\s*last seen \d+ (s|min) ago\s*$/);
        const gone = page.locator('tr[data-server="gone-01"] [data-testid=presence]');
        await expect(gone.textContent()).resolves.toMatch(/^\s*offline\s*since .+ \(\d+ (s|min) ago\)\s*$/);
        await expect(page.locator('body').textContent()).resolves.not.toContain('never');
        await page.screenshot({ path: `${SHOTS}/admin-servers-${width}.png`, fullPage: true });
        const outside = await page.locator('tr[data-server] td.actions button').evaluateAll((buttons) =>
          buttons
            .map((b) => ({ text: b.textContent?.trim(), box: b.getBoundingClientRect() }))
            .filter(({ box }) => box.right > document.documentElement.clientWidth || box.width < 10)
            .map(({ text, box }) => `${text}: ${box.left}..${box.right}`),
        );
        expect(outside).toEqual([]);
        // every cell of a row ends at the same line: the row border does not step under the actions
        const stepped = await page.locator('tr[data-server]').evaluateAll(
          (rows) =>
            rows.filter((r) => {
              const bottoms = [...r.querySelectorAll('td')]
                .filter((td) => td.getBoundingClientRect().width > 0)
                .map((td) => Math.round(td.getBoundingClientRect().bottom));
              return new Set(bottoms).size !== 1;
            }).length,
        );
        expect(stepped).toBe(0);
      }
      await page.setViewportSize({ width: 1280, height: 900 });
    },
    SLOW,
  );

  it(
    'says when a server name is too long instead of cutting it, and shows the API refusal',
    async () => {
      const { page } = fixture.admin;
      await page.goto('/admin/servers');
      await page.locator('[data-testid=add-server]').click();
      const form = page.locator('form[aria-label="Add server"]');
      const name = 'n'.repeat(300);
      await form.locator('input[name=name]').fill(name);
      await expect(form.locator('input[name=name]').inputValue()).resolves.toHaveLength(300);
      await expect(form.locator('[data-testid=name-length]').textContent()).resolves.toMatch(/300 \/ 100/);
      await expect(form.locator('[data-testid=name-too-long]').textContent()).resolves.toContain(
        'limited to 100 characters',
      );
      await expect(form.locator('button[type=submit]').isDisabled()).resolves.toBe(true);

      await form.locator('input[name=name]').fill('ok-name');
      await form.locator('input[name=tags]').fill('bad tag!');
      await form.locator('button[type=submit]').click();
      await expect(form.locator('[role=alert]').textContent()).resolves.toMatch(/tag/i);
    },
    SLOW,
  );

  it(
    'the process list shows 50 rows first, then more on request',
    async () => {
      const { page } = fixture.admin;
      await page.goto('/');
      await page.locator('[data-server="wide-figures"]').click();
      await page.getByRole('tab', { name: 'Processes' }).click();
      const rows = page.locator('table[aria-label=Processes] tbody tr');
      await waitForValue(
        () => rows.count(),
        (n) => n === 50,
      );
      await expect(page.locator('[data-testid=process-count]').textContent()).resolves.toMatch(
        /50 shown of 110/,
      );
      const more = page.locator('[data-testid=more-processes]');
      await expect(more.textContent()).resolves.toContain('Show 50 more');
      await more.click();
      await waitForValue(
        () => rows.count(),
        (n) => n === 100,
      );
      await expect(more.textContent()).resolves.toContain('Show 10 more');
      await more.click();
      await waitForValue(
        () => rows.count(),
        (n) => n === 110,
      );
      await expect(page.locator('[data-testid=more-processes]').count()).resolves.toBe(0);
    },
    SLOW,
  );
});
