// page.evaluate callbacks run in the browser: they need the DOM types.
/// <reference lib="dom" />
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import { createServer } from '../support/agents/fixtures.js';
import { SeedAgent } from '../support/agents/seed-agent.js';
import { describeWithChromium, signInThroughForm, waitForValue } from './support/browser.js';
import { startConsoleFixture, type ConsoleFixture } from './support/console-fixture.js';

const SLOW = 120_000;
const SHOTS = process.env['HIVEWATCH_SCREENSHOTS'];

/**
 * The time labels ECharts painted under a chart's plot, read from the canvas: runs of columns with
 * ink in the label band (between the axis line and the zoom slider), in CSS pixels. Labels that
 * overlap ("14:5014:55") paint one long run; labels that fit leave gaps between them.
 */
async function axisLabelRuns(page: Page, chart: string): Promise<{ start: number; width: number }[]> {
  return page
    .locator(`[data-chart=${chart}] canvas`)
    .first()
    .evaluate((c: HTMLCanvasElement) => {
      const ratio = c.width / c.clientWidth;
      // history-options.ts: the plot ends 56 px above the bottom, the slider takes the last 26 px
      const top = Math.round((c.clientHeight - 50) * ratio);
      const bottom = Math.round((c.clientHeight - 30) * ratio);
      const data = c.getContext('2d')!.getImageData(0, top, c.width, bottom - top).data;
      const inked = (x: number) => {
        for (let y = 0; y < bottom - top; y++) if (data[(y * c.width + x) * 4 + 3]! > 40) return true;
        return false;
      };
      const runs: { start: number; width: number }[] = [];
      let start = -1;
      let lastInk = -100;
      for (let x = 0; x <= c.width; x++) {
        const ink = x < c.width && inked(x);
        if (ink && start < 0) start = x;
        // glyphs of one label sit at most a few pixels apart
        if (!ink && start >= 0 && x - lastInk > 6 * ratio) {
          runs.push({ start: start / ratio, width: (lastInk - start + 1) / ratio });
          start = -1;
        }
        if (ink) lastInk = x;
      }
      return runs;
    });
}

/**
 * What overflows the page at its current width: how far the document scrolls sideways, and each
 * chart whose canvas is wider than its card or whose card is wider than the chart grid.
 */
async function chartOverflow(page: Page): Promise<{ sideways: number; wider: string[]; canvas: number }> {
  return page.evaluate(() => {
    const grid = document.querySelector('.charts')!.getBoundingClientRect();
    const wider: string[] = [];
    let canvas = 0;
    for (const figure of document.querySelectorAll<HTMLElement>('.charts [data-chart]')) {
      const box = figure.getBoundingClientRect();
      const c = figure.querySelector('canvas');
      const drawn = c ? c.getBoundingClientRect().width : 0;
      canvas = Math.max(canvas, drawn);
      const id = figure.dataset['chart'];
      if (drawn > figure.clientWidth) wider.push(`${id}: canvas ${drawn} > card ${figure.clientWidth}`);
      if (box.right > grid.right + 0.5) wider.push(`${id}: card ends at ${box.right} > grid ${grid.right}`);
    }
    const root = document.documentElement;
    return { sideways: root.scrollWidth - root.clientWidth, wider, canvas };
  });
}

describeWithChromium('history charts in Chromium', () => {
  let fixture: ConsoleFixture;

  beforeAll(async () => {
    fixture = await startConsoleFixture();
    const { page } = fixture.admin;
    await page.goto(`/servers/${fixture.server.id}`);
    await page.waitForURL(/\/sign-in/);
    await signInThroughForm(page);
    await page.waitForURL(`**/servers/${fixture.server.id}`);
  }, 12 * 60_000);

  afterAll(async () => {
    await fixture?.close();
  });

  it.each([1440, 390])(
    'writes the 1 h axis labels apart at %i px',
    async (width) => {
      const { page } = fixture.admin;
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/servers/${fixture.server.id}`);
      const chart = page.locator('[data-chart=cpu]');
      // the charts load when they scroll into view
      await waitForValue(
        async () => {
          await page.evaluate(() => window.scrollBy(0, 300));
          return chart.count();
        },
        (n) => n > 0,
      );
      await chart.scrollIntoViewIfNeeded();
      await chart.locator('canvas').first().waitFor();
      await expect(page.getByRole('button', { name: '1 h' }).getAttribute('aria-pressed')).resolves.toBe(
        'true',
      );
      const runs = await waitForValue(
        () => axisLabelRuns(page, 'cpu'),
        (r) => r.length >= 3,
      );
      if (SHOTS) {
        await chart.screenshot({ path: `${SHOTS}/chart-axis-1h-${width}.png` });
        await page.locator('.charts').screenshot({ path: `${SHOTS}/charts-1h-${width}.png` });
      }
      // "14:45" is about 32 px wide at 12 px; two labels run together would be 60 px or more
      for (const r of runs) expect(r.width).toBeLessThan(56);
      for (let i = 1; i < runs.length; i++)
        expect(runs[i]!.start - (runs[i - 1]!.start + runs[i - 1]!.width)).toBeGreaterThan(8);
    },
    SLOW,
  );

  it(
    'narrows the charts with the window from 1440 to 390 px and widens them again, without a reload',
    async () => {
      const { page } = fixture.admin;
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(`/servers/${fixture.server.id}`);
      await page.locator('[data-chart=cpu] canvas').first().waitFor();
      const wide = await waitForValue(
        () => chartOverflow(page),
        (o) => o.canvas > 390 && o.wider.length === 0,
      );
      expect(wide.sideways).toBe(0);
      await page.evaluate(() => Object.assign(window, { hwNotReloaded: true }));

      await page.setViewportSize({ width: 390, height: 900 });
      // the charts redraw on the next animation frame after their box changed
      const narrow = await waitForValue(
        () => chartOverflow(page),
        (o) => o.sideways === 0 && o.wider.length === 0 && o.canvas <= 390,
        5_000,
      );
      expect(narrow.canvas).toBeGreaterThan(200);
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/charts-narrowed-390.png`, fullPage: true });

      await page.setViewportSize({ width: 1440, height: 900 });
      const back = await waitForValue(
        () => chartOverflow(page),
        (o) => o.sideways === 0 && o.wider.length === 0 && o.canvas === wide.canvas,
        5_000,
      );
      expect(back.canvas).toBe(wide.canvas);
      await expect(page.evaluate(() => 'hwNotReloaded' in window)).resolves.toBe(true);
    },
    SLOW,
  );

  it(
    'draws dark grid lines in the dark theme',
    async () => {
      const { page } = fixture.admin;
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.evaluate(() => localStorage.setItem('hw.theme', 'dark'));
      try {
        await page.goto(`/servers/${fixture.server.id}`);
        const canvas = page.locator('[data-chart=cpu] canvas').first();
        await canvas.waitFor();
        await waitForValue(
          () => axisLabelRuns(page, 'cpu'),
          (r) => r.length >= 3,
        );
        if (SHOTS) await page.locator('[data-chart=cpu]').screenshot({ path: `${SHOTS}/chart-dark.png` });
        // the brightest grey pixel inside the plot (grid lines; the series are coloured)
        const brightest = await canvas.evaluate((c: HTMLCanvasElement) => {
          const ratio = c.width / c.clientWidth;
          const x0 = Math.round(60 * ratio);
          const y0 = Math.round(40 * ratio);
          const w = c.width - x0 - Math.round(24 * ratio);
          const h = c.height - y0 - Math.round(64 * ratio);
          const data = c.getContext('2d')!.getImageData(x0, y0, w, h).data;
          let max = 0;
          let greys = 0;
          for (let i = 0; i < data.length; i += 4) {
            const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
            if (a < 200 || Math.abs(r - g) > 16 || Math.abs(g - b) > 16) continue;
            greys++;
            max = Math.max(max, r, g, b);
          }
          return { max, greys };
        });
        expect(brightest.greys).toBeGreaterThan(100); // the grid lines are there
        expect(brightest.max).toBeLessThan(0x60);
      } finally {
        await page.evaluate(() => localStorage.removeItem('hw.theme'));
      }
    },
    SLOW,
  );

  it(
    'keeps the charts while a custom range is being entered, and checks it only on Apply',
    async () => {
      const { page } = fixture.admin;
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto(`/servers/${fixture.server.id}`);
      await page.locator('[data-chart=cpu] canvas').first().waitFor();
      await page.getByRole('button', { name: 'Custom' }).click();
      await page.locator('form.custom-range').waitFor();
      await expect(page.locator('[data-chart=cpu] canvas').first().isVisible()).resolves.toBe(true);
      await expect(page.locator('form.custom-range [role=alert]').count()).resolves.toBe(0);
      await page.locator('form.custom-range button[type=submit]').click();
      await expect(page.locator('form.custom-range [role=alert]').textContent()).resolves.toContain(
        'Pick a start and an end.',
      );
      await expect(page.locator('[data-chart=cpu] canvas').first().isVisible()).resolves.toBe(true);
    },
    SLOW,
  );

  it(
    'draws a new server’s live samples within 10 s of its first one, before any minute is written',
    async () => {
      const { page } = fixture.admin;
      const fresh = await createServer(fixture.hub.url, fixture.cookie, 'fresh-01');
      await page.goto(`/servers/${fresh.id}`);
      await page.locator('h1', { hasText: 'fresh-01' }).waitFor();
      await page.locator('.history').scrollIntoViewIfNeeded();
      await page.locator('.history .state.empty').waitFor();
      const agent = new SeedAgent(`${fixture.hub.url.replace('http', 'ws')}/api/v1/agents/ws`, {
        serverId: fresh.id,
        token: fresh.token,
      });
      try {
        await agent.connect();
        const first = Date.now();
        agent.sendMetrics({ cpuUsagePercent: 61.5 });
        const charts = page.locator('.charts[data-live-points]');
        await waitForValue(
          () => charts.getAttribute('data-live-points'),
          (n) => Number(n) >= 1,
          10_000,
        );
        expect(Date.now() - first).toBeLessThan(10_000);
        const description = await page
          .locator('[data-chart=cpu] [aria-label]')
          .first()
          .getAttribute('aria-label');
        expect(description).toContain('61.5');
        // the next sample, a second later, moves the chart without a reload
        await new Promise((r) => setTimeout(r, 1100));
        agent.sendMetrics({ cpuUsagePercent: 20 });
        await waitForValue(
          () => charts.getAttribute('data-live-points'),
          (n) => Number(n) >= 2,
          10_000,
        );
        if (SHOTS)
          await page.locator('[data-chart=cpu]').screenshot({ path: `${SHOTS}/chart-live-new-server.png` });
      } finally {
        agent.close();
      }
    },
    SLOW,
  );
});
