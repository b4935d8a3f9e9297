// page.evaluate callbacks run in the browser: they need the DOM types.
/// <reference lib="dom" />
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import request from 'supertest';
import { signIn } from '../support/http.js';
import { ageStepUpProofs } from '../support/second-factor.js';
import { TEST_ADMIN } from '../support/test-app.js';
import { describeWithChromium, openBrowser, signInThroughForm, waitForValue } from './support/browser.js';
import { startConsoleFixture, type ConsoleFixture } from './support/console-fixture.js';

const SLOW = 180_000;
const SHOTS = process.env.HIVEWATCH_SHOTS ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-task-shots-'));

/** The `datetime` of each of the next run times the cron helper shows (empty while it is checking). */
async function nextRuns(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid=next-runs] time')
    .evaluateAll((times) => times.map((t) => t.getAttribute('datetime') ?? ''));
}

/**
 * Fills a field and waits until it reads `value`: the console writes a field through change
 * detection, a moment after the event that changed it (a loaded machine makes that moment long).
 */
async function fillAndRead(field: Locator, value: string): Promise<void> {
  await field.fill(value);
  await waitForValue(
    () => field.inputValue(),
    (v) => v === value,
  );
}

/**
 * The five next runs once the preview shows them, each at `hhmm` in `timeZone`. The console shows
 * only the answer for the expression and zone on screen ("Checking…" until the hub gives it).
 */
async function runsAt(page: Page, hhmm: string, timeZone: string): Promise<string[]> {
  return waitForValue(
    () => nextRuns(page),
    (v) => v.length === 5 && v.every((t) => clockIn(t, timeZone) === hhmm),
  );
}

/** "HH:MM" of an instant as it reads in `timeZone`. */
function clockIn(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    expect([name, width, overflow]).toEqual([name, width, 0]);
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

describeWithChromium('scheduled tasks in the console', () => {
  let fixture: ConsoleFixture;

  beforeAll(async () => {
    fixture = await startConsoleFixture();
  }, 12 * 60_000);
  afterAll(async () => {
    await fixture?.close();
  });

  it(
    'an admin creates a task in the editor: the next runs follow the zone, a bad expression shows the parser, saving steps up',
    async () => {
      const { page } = fixture.admin;
      process.stderr.write(`task screenshots: ${SHOTS}\n`);
      await page.goto('/tasks');
      await signInThroughForm(page);
      await page.getByText('No scheduled tasks yet').waitFor();
      await page.locator('[data-testid=nav-tasks]').click(); // the nav entry leads here too
      await page.locator('[data-testid=new-task]').click();

      const form = page.locator('form[aria-label="Scheduled task"]');
      await form.locator('input[name=name]').fill('nightly cleanup');
      await form.locator('textarea[name=command]').fill('find /tmp -mtime +7 -delete');
      await form.locator('input[data-server="web-01"]').check();
      await form.locator('[data-testid=target-estimate]', { hasText: '1 server' }).waitFor();
      const cron = form.locator('input[name=cron]');
      const zone = form.locator('input[name=timeZone]');
      await fillAndRead(cron, '0 3 * * *');

      // the next five runs, as the hub's parser computes them, in the zone picked
      await fillAndRead(zone, 'Europe/Berlin');
      const berlin = await runsAt(page, '03:00', 'Europe/Berlin');
      await fillAndRead(zone, 'Asia/Tokyo');
      const tokyo = await runsAt(page, '03:00', 'Asia/Tokyo');
      expect(tokyo.filter((t) => berlin.includes(t))).toEqual([]);
      expect(await form.locator('[data-testid=cron-hint]').textContent()).toContain('every day at 03:00');

      // a bad expression: the parser's own reason, inline, and no next runs
      await fillAndRead(cron, '0 25 * * *');
      const error = form.locator('[data-testid=cron-error]');
      await error.waitFor();
      const parser = await request(fixture.hub.url)
        .post('/api/v1/tasks/preview')
        .set('Cookie', fixture.cookie)
        .send({ cron: '0 25 * * *', timeZone: 'Asia/Tokyo' })
        .expect(400);
      expect((await error.textContent())?.trim()).toBe(String(parser.body.message));
      expect(await nextRuns(page)).toEqual([]);

      // a preset writes the expression back (through change detection: wait for the field to read it),
      // and the parser's error gives way to the next runs of the new expression
      await form.locator('select[name=presetKind]').selectOption('daily');
      await fillAndRead(form.locator('input[name=presetTime]'), '03:00');
      await form.locator('[data-testid=apply-preset]').click();
      await waitForValue(
        () => cron.inputValue(),
        (v) => v === '0 3 * * *',
      );
      await runsAt(page, '03:00', 'Asia/Tokyo');
      expect(await error.count()).toBe(0);
      await shoot(page, 'task-editor');

      // saving needs a fresh proof of identity: the step-up dialog asks for the password
      await ageStepUpProofs(fixture.hub);
      await form.getByRole('button', { name: 'Save task' }).click();
      const stepUp = page.locator('[data-testid=step-up-dialog]');
      await stepUp.locator('input[name=password]').fill(TEST_ADMIN.password);
      await stepUp.locator('button[type=submit]').click();

      const row = page.locator('tr[data-task="nightly cleanup"]');
      await row.waitFor();
      const text = (await row.textContent()) ?? '';
      expect(text).toContain('0 3 * * *');
      expect(text).toContain('Asia/Tokyo');
      expect(text).toContain('every day at 03:00');
      expect(text).toContain('never');

      const listed = await request(fixture.hub.url)
        .get('/api/v1/tasks')
        .set('Cookie', fixture.cookie)
        .expect(200);
      const saved = (listed.body as { name: string; nextRunAt: string }[]).filter(
        (t) => t.name === 'nightly cleanup',
      );
      expect(saved).toEqual([
        expect.objectContaining({
          name: 'nightly cleanup',
          command: 'find /tmp -mtime +7 -delete',
          targets: { serverIds: [fixture.server.id] },
          cron: '0 3 * * *',
          timeZone: 'Asia/Tokyo',
          enabled: true,
        }),
      ]);
      // the first run the preview showed, or the next one if that instant passed in between
      expect(tokyo.slice(0, 2)).toContain(saved[0]!.nextRunAt);

      // the switch turns it off (a PATCH; the proof above is still fresh)
      await row.getByRole('checkbox', { name: 'Enable nightly cleanup' }).click();
      await page.locator('.toast', { hasText: 'nightly cleanup disabled.' }).waitFor();
      const after = await request(fixture.hub.url)
        .get('/api/v1/tasks')
        .set('Cookie', fixture.cookie)
        .expect(200);
      const toggled = (after.body as { name: string; enabled: boolean }[]).find(
        (t) => t.name === 'nightly cleanup',
      );
      expect(toggled?.enabled).toBe(false);

      // its page: settings and an empty run history
      await row.getByRole('link', { name: 'nightly cleanup' }).click();
      await page.getByRole('heading', { name: 'nightly cleanup' }).waitFor();
      await page.getByText('It has not run yet.').waitFor();
    },
    SLOW,
  );

  it(
    "shows why the hub stopped a task (its creator was disabled), and a task's runs link to their pages",
    async () => {
      // its own browser and its own tasks: nothing here depends on the case above
      const hub = request(fixture.hub.url);
      const adminCookie = await signIn(fixture.hub); // a fresh proof of identity for the API calls
      const created = await hub
        .post('/api/v1/users')
        .set('Cookie', adminCookie)
        .send({ username: 'ops2', password: 'ops2-password-0001', role: 'admin' })
        .expect(201);
      const ops2 = await signIn(fixture.hub, 'ops2', 'ops2-password-0001');
      const task = (body: { name: string; cron: string }) => ({
        ...body,
        command: 'backup.sh',
        targets: { serverIds: [fixture.server.id] },
        timeZone: 'UTC',
      });
      await hub
        .post('/api/v1/tasks')
        .set('Cookie', ops2)
        .send(task({ name: 'ops2 backups', cron: '*/5 * * * *' }))
        .expect(201);
      const report = await hub
        .post('/api/v1/tasks')
        .set('Cookie', adminCookie)
        .send(task({ name: 'weekly report', cron: '0 6 * * 1' }))
        .expect(201);
      const taskId = (report.body as { id: string }).id;
      await hub
        .patch(`/api/v1/users/${created.body.id}`)
        .set('Cookie', adminCookie)
        .send({ disabled: true })
        .expect(200);

      const session = await openBrowser(fixture.hub.url);
      try {
        const { page } = session;
        await page.goto('/tasks');
        await signInThroughForm(page);
        const stopped = page.locator('tr[data-task="ops2 backups"]');
        await waitForValue(
          async () => (await stopped.getByTestId('disabled-reason').textContent())?.trim(),
          (v) => v === 'Stopped by the hub: its creator was disabled',
        );
        expect(await stopped.getByRole('checkbox', { name: 'Enable ops2 backups' }).isChecked()).toBe(false);
        expect(await stopped.textContent()).toContain('every 5 minutes');
        await shoot(page, 'task-list');

        // "Run now" on the task's page starts a command run; the history links to its page
        await page
          .locator('tr[data-task="weekly report"]')
          .getByRole('link', { name: 'weekly report' })
          .click();
        await page.getByRole('heading', { name: 'weekly report' }).waitFor();
        const [started] = await Promise.all([
          page.waitForResponse((r) => r.url().endsWith(`/${taskId}/run`) && r.request().method() === 'POST'),
          page.getByTestId('run-now').click(),
        ]);
        expect(started.status()).toBe(201);
        const runId = ((await started.json()) as { id: string }).id;
        await page.waitForURL(`**/commands/${runId}`); // the run's page: another part's, come back here
        await page.goto(`/tasks/${taskId}`);
        const run = page.locator(`tr[data-run="${runId}"]`);
        await run.waitFor();
        expect(await run.getByRole('link').getAttribute('href')).toBe(`/commands/${runId}`);
        const runs = await hub
          .get('/api/v1/commands')
          .query({ taskId })
          .set('Cookie', adminCookie)
          .expect(200);
        expect((runs.body as { id: string }[]).map((r) => r.id)).toEqual([runId]);
        await shoot(page, 'task-page');
      } finally {
        await session.close();
      }
    },
    SLOW,
  );
});
