#!/usr/bin/env node
// Run by scripts/local-agent.mjs before the hub starts (same data folder, nothing listening): creates a
// single-use, short-lived enrollment key for this machine's agent through the hub's own service and
// writes it straight into the agent's config file (mode 0600). The key is never printed or logged, and
// never travels in a URL or on a command line. Usage: node local-agent-key.mjs <agent.json> <hub url>
import 'reflect-metadata';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [configFile, hubUrl] = process.argv.slice(2);
if (!configFile || !hubUrl) throw new Error('usage: local-agent-key.mjs <agent.json> <hub url>');

const { createApp } = await import('../dist/src/app.factory.js');
const { loadConfig } = await import('../dist/src/config/app-config.js');
const { EnrollmentKeysService } = await import('../dist/src/servers/enrollment-keys.service.js');

const app = await createApp(loadConfig(process.env));
await app.init();
try {
  const { key } = await app.get(EnrollmentKeysService).create(
    {
      name: 'local agent (npm start)',
      maxUses: 1,
      expiresAt: new Date(Date.now() + 3_600_000),
    },
    { actor: { via: 'system', name: 'npm start' }, ip: null },
  );
  const dir = path.dirname(configFile);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const config = {
    hubUrl,
    enrollmentKey: key,
    stateFile: path.join(dir, 'state.json'),
    logLevel: 'warn',
  };
  writeFileSync(configFile, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  chmodSync(configFile, 0o600);
} finally {
  await app.close();
}
