import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError, resolveConfig } from './agent-config.js';
import { parseCliArgs } from './cli-args.js';
import { readConfigFile, updateConfigFile } from './config-file.js';
import { configFromEnv } from './env-vars.js';
import { helpText } from './help.js';

describe('agent configuration', () => {
  it('takes flags over environment over config file over defaults', () => {
    const cli = parseCliArgs(['--hub', 'https://flag.example', '--interval', '10']).config;
    const env = configFromEnv({
      HIVEWATCH_AGENT_HUB_URL: 'https://env.example',
      HIVEWATCH_AGENT_CAPABILITIES: 'services-restart,ping',
      HIVEWATCH_AGENT_INTERVAL: '20',
    });
    const file = {
      hubUrl: 'https://file.example',
      metricsInterval: 30,
      watchlist: ['nginx'],
      insecure: true,
    };
    const config = resolveConfig(cli, env, file);
    expect(config).toMatchObject({
      hubUrl: 'https://flag.example',
      metricsInterval: 10,
      capabilities: ['services-restart', 'ping'],
      watchlist: ['nginx'],
      insecure: true,
      outboxMinutes: 60,
      stateFile: '/var/lib/hivewatch-agent/state.json',
    });
  });

  it('lists every problem at once', () => {
    let error: unknown;
    try {
      resolveConfig({
        metricsInterval: '3601',
        capabilities: ['telepathy'],
        watchlist: ['a;b'],
        agentId: 'x',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.stringContaining('hubUrl: required'),
      expect.stringContaining("unknown capability 'telepathy'"),
      expect.stringContaining("'a;b' is not a valid service name"),
      expect.stringContaining('metricsInterval: expected an integer in 0..3600'),
      expect.stringContaining('agentId and token'),
    ]);
  });

  it('accepts interval 0 (paused) and rejects fractions', () => {
    expect(resolveConfig({ hubUrl: 'wss://h', metricsInterval: 0 }).metricsInterval).toBe(0);
    expect(() => resolveConfig({ hubUrl: 'wss://h', metricsInterval: 1.5 })).toThrow(ConfigError);
  });

  it('rejects unknown flags and documents every option in --help', () => {
    expect(() => parseCliArgs(['--hubb', 'x'])).toThrow();
    expect(parseCliArgs(['-h']).help).toBe(true);
    for (const option of [
      '--hub',
      '--enroll',
      '--capabilities',
      '--ca-file',
      '--insecure',
      '--id',
      '--token-file',
      '--enroll-file',
      'HIVEWATCH_AGENT_TOKEN',
      'HIVEWATCH_AGENT_ENROLLMENT_KEY_FILE',
    ])
      expect(helpText()).toContain(option);
  });

  it('reads the agent token from a --token-file that only its owner can read, never echoing it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-agent-token-'));
    try {
      const file = path.join(dir, 'agent.token');
      fs.writeFileSync(file, 'hwa_secret_token\n', { mode: 0o600 });
      fs.chmodSync(file, 0o600);
      const cli = parseCliArgs(['--hub', 'wss://h', '--id', 'server-1', '--token-file', file]).config;
      expect(resolveConfig(cli)).toMatchObject({ agentId: 'server-1', token: 'hwa_secret_token' });
      const fromEnv = configFromEnv({ HIVEWATCH_AGENT_ID: 'server-1', HIVEWATCH_AGENT_TOKEN_FILE: file });
      expect(resolveConfig({ hubUrl: 'wss://h' }, fromEnv).token).toBe('hwa_secret_token');

      fs.chmodSync(file, 0o644);
      let error: unknown;
      try {
        resolveConfig(cli);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        `tokenFile: ${file} is accessible to group or others (mode 0644); the agent token must be private: chmod 600 ${file}`,
      ]);
      expect((error as Error).message).not.toContain('hwa_secret_token');
      fs.chmodSync(file, 0o640);
      expect(() => resolveConfig(cli)).toThrow('chmod 600');
      fs.chmodSync(file, 0o600);
      expect(() => resolveConfig({ ...cli, token: 'hwa_other' })).toThrow('give one of them, not both');
      expect(() => resolveConfig({ ...cli, tokenFile: path.join(dir, 'missing') })).toThrow('ENOENT');
      expect(() => resolveConfig({ hubUrl: 'wss://h', tokenFile: file })).toThrow('agentId and token');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the enrollment key from an --enroll-file that only its owner can read, never echoing it', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-agent-enroll-'));
    try {
      const file = path.join(dir, 'enrollment.key');
      fs.writeFileSync(file, 'hwe_secret_key\n', { mode: 0o600 });
      fs.chmodSync(file, 0o600);
      const cli = parseCliArgs(['--hub', 'wss://h', '--enroll-file', file]).config;
      expect(resolveConfig(cli).enrollmentKey).toBe('hwe_secret_key');
      const fromEnv = configFromEnv({ HIVEWATCH_AGENT_ENROLLMENT_KEY_FILE: file });
      expect(resolveConfig({ hubUrl: 'wss://h' }, fromEnv).enrollmentKey).toBe('hwe_secret_key');
      expect(resolveConfig({ hubUrl: 'wss://h', enrollmentKeyFile: file }).enrollmentKey).toBe(
        'hwe_secret_key',
      );

      fs.chmodSync(file, 0o644);
      let error: unknown;
      try {
        resolveConfig(cli);
      } catch (e) {
        error = e;
      }
      expect((error as ConfigError).problems).toEqual([
        `enrollmentKeyFile: ${file} is accessible to group or others (mode 0644); the enrollment key must be private: chmod 600 ${file}`,
      ]);
      expect((error as Error).message).not.toContain('hwe_secret_key');
      fs.chmodSync(file, 0o600);
      expect(() => resolveConfig({ ...cli, enrollmentKey: 'hwe_other' })).toThrow(
        'give one of them, not both',
      );
      expect(() => resolveConfig({ ...cli, enrollmentKeyFile: path.join(dir, 'missing') })).toThrow('ENOENT');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rewrites the config file atomically, keeping other keys and the mode', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-agent-config-'));
    try {
      const file = path.join(dir, 'agent.json');
      fs.writeFileSync(file, JSON.stringify({ hubUrl: 'https://h', metricsInterval: 5 }), { mode: 0o640 });
      fs.chmodSync(file, 0o640);
      updateConfigFile(file, { metricsInterval: 60, watchlist: ['ssh'] });
      expect(readConfigFile(file)).toEqual({ hubUrl: 'https://h', metricsInterval: 60, watchlist: ['ssh'] });
      expect(fs.statSync(file).mode & 0o777).toBe(0o640);
      fs.writeFileSync(file, '{"hubUrl": "x", "colour": 1}');
      expect(() => readConfigFile(file)).toThrow("unknown key 'colour'");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
