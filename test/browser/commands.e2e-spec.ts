// page.evaluate callbacks run in the browser: they need the DOM types.
/// <reference lib="dom" />
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from '@jest/globals';
import type { Page } from 'playwright-core';
import request from 'supertest';
import type { CommandRunDetail } from '@hivewatch/protocol';
import { bundleAgent, collect, type RunningProcess } from '../support/agents/agent-bundle.js';
import { createServer, eventually } from '../support/agents/fixtures.js';
import { signIn } from '../support/http.js';
import { ageStepUpProofs } from '../support/second-factor.js';
import { TEST_ADMIN, startTestApp, type TestApp } from '../support/test-app.js';
import {
  describeWithChromium,
  openBrowser,
  signInThroughForm,
  waitForValue,
  type BrowserSession,
} from './support/browser.js';
import { ensureConsoleBuilt } from './support/console-build.js';

const SLOW = 180_000;
const SHOTS = process.env['HIVEWATCH_SCREENSHOTS'];
const COMMAND = 'for i in 1 2 3; do echo line-$i; sleep 1; done; echo err >&2';

/** No sideways scrolling at 1440 and 390 px; screenshots when HIVEWATCH_SCREENSHOTS names a folder. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}-${width}.png`, fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect([name, width, overflow]).toEqual([name, width, 0]);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** What one server's pane shows, read at one instant. */
interface PaneText {
  state: string;
  stdout: string;
  stderr: string;
  exit: string;
}

function readPanes(page: Page): Promise<{ run: string; panes: Record<string, PaneText> }> {
  return page.evaluate(() => {
    const text = (root: ParentNode, sel: string) => root.querySelector(sel)?.textContent ?? '';
    const panes: Record<string, PaneText> = {};
    for (const pane of document.querySelectorAll('article.pane')) {
      panes[pane.getAttribute('data-server') ?? '?'] = {
        state: text(pane, '[data-testid=target-state]'),
        stdout: text(pane, '[data-testid=stdout]'),
        stderr: text(pane, '[data-testid=stderr]'),
        exit: text(pane, '[data-testid=exit-code]'),
      };
    }
    return { run: text(document, '[data-testid=run-state]'), panes };
  });
}

/**
 * Commands in the console against a real hub and two real agents (the bundle, as hosts run it, with
 * `capabilities: ["exec"]` in their config file): the form runs a command on both after a step-up,
 * the run page shows each server's output live as it is printed, then stdout and stderr apart once
 * both ended; the history lists the run and opens it again.
 */
describeWithChromium('console: commands on two hosts, live', () => {
  let hub: TestApp;
  let cookie: string;
  let work: string;
  let admin: BrowserSession;
  const agents: RunningProcess[] = [];
  const servers: { id: string; name: string }[] = [];

  async function startAgent(bundle: string, name: string): Promise<void> {
    const server = await createServer(hub.url, cookie, name);
    const dir = path.join(work, name);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'machine-id'), `${name}-machine\n`);
    const config = path.join(dir, 'agent.json');
    const settings = {
      hubUrl: hub.url,
      agentId: server.id,
      token: server.token,
      capabilities: ['exec'],
      stateFile: path.join(dir, 'state.json'),
      machineIdFile: path.join(dir, 'machine-id'),
      metricsInterval: 5,
      logLevel: 'warn',
    };
    fs.writeFileSync(config, JSON.stringify(settings), { mode: 0o600 });
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('HIVEWATCH_')) env[k] = v;
    const child = spawn(process.execPath, [bundle, '--config', config], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    agents.push(collect(child));
    servers.push({ id: server.id, name });
  }

  const online = async (id: string) => {
    const res = await request(hub.url).get(`/api/v1/servers/${id}`).set('Cookie', cookie);
    return (res.body as { online?: boolean }).online === true;
  };

  beforeAll(async () => {
    await ensureConsoleBuilt();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'hivewatch-commands-browser-'));
    const { bundle } = await bundleAgent(work);
    hub = await startTestApp();
    cookie = await signIn(hub);
    await startAgent(bundle, 'exec-a');
    await startAgent(bundle, 'exec-b');
    for (const s of servers) {
      await eventually(() => online(s.id), 30_000).catch(() => {
        throw new Error(`agent ${s.name} did not connect:\n${agents.map((a) => a.output()).join('\n')}`);
      });
    }
    admin = await openBrowser(hub.url);
    admin.page.setDefaultTimeout(30_000);
  }, 12 * 60_000);

  afterAll(async () => {
    await admin?.close();
    for (const a of agents) {
      a.child.kill('SIGTERM');
      await a.exited;
    }
    await hub?.close();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  it(
    'runs a command on both hosts after a step-up and shows their output live, stdout and stderr apart',
    async () => {
      const { page } = admin;
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.goto('/commands');
      await signInThroughForm(page);
      await page.locator('[data-testid=nav-commands]').waitFor();
      const form = page.locator('form[aria-label="New command run"]');
      await form.locator('[data-testid=command-text]').fill(COMMAND);
      for (const s of servers) await form.locator(`input[data-server="${s.name}"]`).check();
      await form.locator('[data-testid=target-estimate]', { hasText: '2 servers' }).waitFor();
      await form.locator('summary', { hasText: 'Options' }).click();
      const option = (name: string) => form.locator(`input[name=${name}]`).inputValue();
      // the protocol's defaults, in the form's units
      expect([
        await option('timeoutSeconds'),
        await option('maxParallel'),
        await option('offlineTtlMinutes'),
        await option('outputCapKib'),
      ]).toEqual(['60', '20', '60', '64']);
      await shoot(page, 'commands-new-run');

      // signing in proved who this is: let that window pass, so Run must ask again
      await ageStepUpProofs(hub);
      await form.locator('[data-testid=run-command]').click();
      const dialog = page.locator('[data-testid=step-up-dialog]');
      await dialog.locator('input[name=password]').fill(TEST_ADMIN.password);
      await dialog.locator('button[type=submit]').click();
      await page.waitForURL(/\/commands\/[0-9a-f-]{36}$/);
      const runId = page.url().split('/').pop()!;

      // live: line-1 is on screen in both panes while both commands still run (they last 3 s)
      const live = await waitForValue(
        () => readPanes(page),
        (v) => servers.every((s) => v.panes[s.name]?.stdout.includes('line-1')),
      );
      for (const s of servers) {
        // not ended: `running` once its first output reached the hub (`sent` if this page was faster)
        expect(['sent', 'running']).toContain(live.panes[s.name]?.state);
        expect(live.panes[s.name]?.stdout).not.toContain('line-3');
      }
      expect(live.run).toBe('running');
      await shoot(page, 'commands-live-run');

      const done = await waitForValue(
        () => readPanes(page),
        (v) => v.run === 'done' && servers.every((s) => v.panes[s.name]?.state === 'ok'),
        30_000,
      );
      for (const s of servers) {
        expect(done.panes[s.name]).toEqual({
          state: 'ok',
          exit: '0',
          stdout: 'line-1\nline-2\nline-3\n',
          stderr: 'err\n',
        });
      }
      const stored = await request(hub.url)
        .get(`/api/v1/commands/${runId}`)
        .set('Cookie', cookie)
        .expect(200);
      expect((stored.body as CommandRunDetail).counts).toEqual({ ok: 2 });
      await page.locator('[data-testid=run-counts]', { hasText: '2 ok' }).waitFor();
      await shoot(page, 'commands-run-done');

      // the history lists it; a click opens the run again
      await page.locator('a', { hasText: 'Commands' }).first().click();
      const row = page.locator(`tr[data-run="${runId}"]`);
      await row.waitFor();
      expect(await row.textContent()).toContain('2 ok');
      await shoot(page, 'commands-history');
      await row.click();
      await page.waitForURL(`**/commands/${runId}`);
      await page.locator('[data-testid=run-state]', { hasText: 'done' }).waitFor();

      // Re-run fills the form with the same command and servers
      await page.locator('[data-testid=rerun]').click();
      await page.waitForURL(/\/commands\?from=/);
      await waitForValue(
        () => form.locator('[data-testid=command-text]').inputValue(),
        (v) => v === COMMAND,
      );
      for (const s of servers)
        expect(await form.locator(`input[data-server="${s.name}"]`).isChecked()).toBe(true);
    },
    SLOW,
  );
  it(
    'cancels a running run from its page: both hosts stop and the run says cancelled',
    async () => {
      const { page } = admin;
      await page.goto('/commands');
      const form = page.locator('form[aria-label="New command run"]');
      await form.locator('[data-testid=command-text]').fill('echo started; sleep 60');
      for (const s of servers) await form.locator(`input[data-server="${s.name}"]`).check();
      await form.locator('[data-testid=run-command]').click();
      await page.waitForURL(/\/commands\/[0-9a-f-]{36}$/);
      await waitForValue(
        () => readPanes(page),
        (v) => servers.every((s) => v.panes[s.name]?.state === 'running'),
      );
      await page.getByRole('button', { name: 'Cancel run' }).click();
      await page.locator('[data-testid=confirm]').click();
      const ended = await waitForValue(
        () => readPanes(page),
        (v) => v.run === 'cancelled' && servers.every((s) => v.panes[s.name]?.state === 'cancelled'),
        30_000,
      );
      expect(Object.keys(ended.panes).sort()).toEqual(servers.map((s) => s.name).sort());
      expect(await page.getByRole('button', { name: 'Cancel run' }).count()).toBe(0);
    },
    SLOW,
  );
  it(
    'keeps the head and tail of a big output within the chosen cap and says how much was dropped',
    async () => {
      const { page } = admin;
      await page.goto('/commands');
      const form = page.locator('form[aria-label="New command run"]');
      await form
        .locator('[data-testid=command-text]')
        .fill("printf 'a%.0s' $(seq 3000); echo; printf '\\033[31mred\\033[0m\\n'");
      await form.locator(`input[data-server="${servers[0]!.name}"]`).check();
      await form.locator('summary', { hasText: 'Options' }).click();
      await form.locator('input[name=outputCapKib]').fill('1');
      await form.locator('[data-testid=run-command]').click();
      await page.waitForURL(/\/commands\/[0-9a-f-]{36}$/);
      const pane = page.locator(`article.pane[data-server="${servers[0]!.name}"]`);
      await pane.locator('[data-testid=target-state]', { hasText: 'ok' }).waitFor();
      // 3000 + 1 + 13 bytes; 1 KiB kept: 512 of the head, 512 of the tail; colour codes not shown raw
      expect(await pane.locator('[data-testid=dropped]').textContent()).toContain('1990 bytes dropped');
      const stdout = (await pane.locator('[data-testid=stdout]').textContent()) ?? '';
      expect(stdout.startsWith('a'.repeat(512))).toBe(true);
      expect(stdout.endsWith('\nred\n')).toBe(true);
    },
    SLOW,
  );
});
