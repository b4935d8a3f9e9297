import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import request from 'supertest';
import { eventuallyDefined } from '../support/agents/real-agent.js';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';

jest.setTimeout(120_000);

const root = path.resolve('.');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A command run like an operator runs it on the hub's host, with the hub's data folder. */
function run(command: string, args: string[], dataDir: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', HIVEWATCH_DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const login = (url: string, username: string, password: string) =>
  request(url).post('/api/v1/auth/login').send({ username, password });

function sessionCookie(res: request.Response): string {
  return ([] as string[])
    .concat(res.headers['set-cookie'] ?? [])
    .find((c) => c.startsWith('hw_session='))!
    .split(';')[0]!;
}

/**
 * First start with a generated admin password (banner, 0600 file, reminder after start-up), and the
 * operator's way back in when that password is lost: `npm run hub -- reset-password admin` against
 * the running hub.
 */
describe('first-admin password and the reset-password command', () => {
  let hub: HubProcess;
  let bannerPassword = '';
  const file = () => path.join(hub.dataDir, 'initial-admin-password.txt');

  beforeAll(async () => {
    hub = await startHubProcess({ HIVEWATCH_ADMIN_PASSWORD: '' });
  });
  afterAll(async () => {
    await hub?.stop();
  });

  it('prints the password once, keeps it in a 0600 file, and ends start-up with a reminder without it', async () => {
    // the reminder is the last thing start-up prints (the pipe may deliver it a moment after /health)
    const out = await eventuallyDefined(() =>
      hub.output().includes('has not signed in yet') ? hub.output() : undefined,
    );
    const banner = /username: admin\s+password: (\S+)/.exec(out);
    expect(banner).not.toBeNull();
    bannerPassword = banner![1]!;
    expect(out.split(bannerPassword)).toHaveLength(2); // printed exactly once
    expect(fs.statSync(file()).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(file(), 'utf8')).toContain(`password: ${bannerPassword}`);
    const reminder = out.slice(out.lastIndexOf('has not signed in yet'));
    expect(reminder).toContain(file());
    expect(reminder).toContain('npm run hub -- reset-password admin');
  });

  it('deletes the file at the first sign-in', async () => {
    await login(hub.url, 'admin', bannerPassword).expect(200);
    expect(fs.existsSync(file())).toBe(false);
  });

  it('resets the password while the hub runs: old password and sessions end, the new one signs in, audited', async () => {
    const before = sessionCookie(await login(hub.url, 'admin', bannerPassword).expect(200));
    const reset = await run('npm', ['run', 'hub', '--', 'reset-password', 'admin'], hub.dataDir);
    expect(reset.stderr).toBe('');
    expect(reset.code).toBe(0);
    const newPassword = /^ {2}(\S+)$/m.exec(reset.stdout)?.[1];
    expect(newPassword).toBeDefined();
    expect(newPassword!.length).toBeGreaterThanOrEqual(24);

    await request(hub.url).get('/api/v1/auth/me').set('Cookie', before).expect(401);
    await login(hub.url, 'admin', bannerPassword).expect(401);
    const after = sessionCookie(await login(hub.url, 'admin', newPassword!).expect(200));

    const audit = await request(hub.url)
      .get('/api/v1/audit-logs?action=user.password.reset')
      .set('Cookie', after)
      .expect(200);
    const items = (audit.body as { items: { actorType: string; actorName: string; detail: unknown }[] })
      .items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ actorType: 'system', detail: { username: 'admin', via: 'hub-cli' } });
    expect(items[0]!.actorName).toMatch(/^hub-cli/);
    expect(hub.output()).not.toContain(newPassword!);
  });

  it('says so when the user or the database does not exist', async () => {
    const unknown = await run(
      process.execPath,
      ['dist/src/admin-cli.js', 'reset-password', 'nobody'],
      hub.dataDir,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No user named "nobody"');
    const nowhere = await run(
      process.execPath,
      ['dist/src/admin-cli.js', 'reset-password', 'admin'],
      '/nonexistent',
    );
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('No hub database at');
    const usage = await run(process.execPath, ['dist/src/admin-cli.js'], hub.dataDir);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('reset-password <username>');
  });
});
