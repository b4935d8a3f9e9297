import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { DEFAULT_TERMINAL_OPTIONS, terminalOptionsFrom } from '../terminal/terminal-options.js';
import { ConfigError, resolveConfig } from './agent-config.js';
import { readConfigFile } from './config-file.js';
import { configFromEnv } from './env-vars.js';
import { helpText } from './help.js';
import { resolveRunAs, runAsRefusal } from './run-as.js';
import { readExecConfig, readTerminalConfig } from './shell-access-config.js';
import { expectBlocks } from '../../../test/support/doc-blocks.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-shell-config-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every problem resolveConfig reports for these sections (hubUrl given). */
function problems(input: Record<string, unknown>): string[] {
  try {
    resolveConfig({ hubUrl: 'wss://h', ...input });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
}

const passwd = path.join(dir, 'passwd');
fs.writeFileSync(
  passwd,
  'root:x:0:0:root:/root:/bin/bash\nops:x:1500:1500:Ops:/home/ops:/bin/bash\nbroken:x:abc:1:b:/:/bin/sh\n',
);

describe('terminal and exec config sections', () => {
  it('defaults when absent, and reads every key when valid', () => {
    const none = resolveConfig({ hubUrl: 'wss://h' });
    expect(none.terminal).toEqual({
      shell: '/bin/sh',
      shellArgs: [],
      idleTimeoutSeconds: 900,
      maxDurationSeconds: 28800,
      hubGraceSeconds: 60,
      maxSessions: 4,
    });
    expect(none.exec).toEqual({ shell: '/bin/sh', defaultTimeoutSeconds: 60 });

    const terminal = {
      shell: '/bin/bash',
      shellArgs: ['-l'],
      runAs: 'nobody',
      idleTimeoutSeconds: 8 * 3600,
      maxDurationSeconds: 7 * 86_400,
      hubGraceSeconds: 1,
      maxSessions: 32,
    };
    const exec = { shell: '/bin/sh', runAs: 'nobody', defaultTimeoutSeconds: 300 };
    const config = resolveConfig({ hubUrl: 'wss://h', terminal, exec });
    expect(config.terminal).toEqual(terminal);
    expect(config.exec).toEqual(exec);

    expect(terminalOptionsFrom(config.terminal)).toEqual({
      ...DEFAULT_TERMINAL_OPTIONS,
      shell: '/bin/bash',
      shellArgs: ['-l'],
      runAsUser: 'nobody',
      idleTimeoutMs: 8 * 3_600_000,
      maxDurationMs: 7 * 86_400_000,
      hubGraceMs: 1000,
      maxSessions: 32,
    });
  });

  it('takes the sections from the config file and from the environment as JSON, the environment first', () => {
    const file = path.join(dir, 'agent.json');
    fs.writeFileSync(file, JSON.stringify({ hubUrl: 'wss://h', terminal: { maxSessions: 2 }, exec: {} }));
    const fromFile = readConfigFile(file);
    const env = configFromEnv({ HIVEWATCH_AGENT_TERMINAL: '{"maxSessions": 3, "shellArgs": ["-i"]}' });
    expect(resolveConfig(fromFile).terminal.maxSessions).toBe(2);
    expect(resolveConfig(env, fromFile).terminal).toMatchObject({ maxSessions: 3, shellArgs: ['-i'] });
    expect(
      resolveConfig(configFromEnv({ HIVEWATCH_AGENT_EXEC: '{"defaultTimeoutSeconds":5}' }), fromFile).exec,
    ).toMatchObject({ defaultTimeoutSeconds: 5 });
    expect(problems(configFromEnv({ HIVEWATCH_AGENT_TERMINAL: '{maxSessions: 3' }))).toEqual([
      'terminal: expected a JSON object',
    ]);
  });

  it('refuses a shell that is not an absolute path to an existing executable file', () => {
    const plain = path.join(dir, 'not-executable');
    fs.writeFileSync(plain, '#!/bin/sh\n', { mode: 0o644 });
    fs.chmodSync(plain, 0o644);
    expect(problems({ terminal: { shell: 'bash' }, exec: { shell: 42 } })).toEqual([
      "terminal.shell: 'bash' is not an absolute path; give the absolute path of an installed shell, e.g. /bin/bash",
      'exec.shell: expected a string',
    ]);
    expect(problems({ terminal: { shell: '/nonexistent/zsh' } })).toEqual([
      'terminal.shell: /nonexistent/zsh does not exist (ENOENT); give the absolute path of an installed shell, e.g. /bin/bash',
    ]);
    expect(problems({ terminal: { shell: dir }, exec: { shell: plain } })).toEqual([
      `terminal.shell: ${dir} is not a regular file; give the absolute path of an installed shell, e.g. /bin/bash`,
      `exec.shell: ${plain} is not executable; give the absolute path of an installed shell, e.g. /bin/bash`,
    ]);
  });

  it('refuses every number outside its finite range, and fractions', () => {
    const terminal = {
      idleTimeoutSeconds: 8 * 3600 + 1,
      maxDurationSeconds: 0,
      hubGraceSeconds: 3601,
      maxSessions: 33,
    };
    expect(problems({ terminal, exec: { defaultTimeoutSeconds: 86_401 } })).toEqual([
      'terminal.idleTimeoutSeconds: expected an integer in 1..28800',
      'terminal.maxDurationSeconds: expected an integer in 1..604800',
      'terminal.hubGraceSeconds: expected an integer in 1..3600',
      'terminal.maxSessions: expected an integer in 1..32',
      'exec.defaultTimeoutSeconds: expected an integer in 1..86400',
    ]);
    expect(
      problems({
        terminal: { maxSessions: 0, idleTimeoutSeconds: 1.5, hubGraceSeconds: '60' },
        exec: { defaultTimeoutSeconds: 0 },
      }),
    ).toEqual([
      'terminal.idleTimeoutSeconds: expected an integer in 1..28800',
      'terminal.hubGraceSeconds: expected an integer in 1..3600',
      'terminal.maxSessions: expected an integer in 1..32',
      'exec.defaultTimeoutSeconds: expected an integer in 1..86400',
    ]);
  });

  it('refuses unknown keys, a section that is not an object, and bad shell arguments', () => {
    expect(problems({ terminal: { shel: '/bin/sh' }, exec: ['x'] })).toEqual([
      "terminal: unknown key 'shel' (known: shell, shellArgs, runAs, idleTimeoutSeconds, maxDurationSeconds, hubGraceSeconds, maxSessions)",
      'exec: expected an object',
    ]);
    const tooMany = Array.from({ length: 33 }, () => '-x');
    for (const shellArgs of ['-l', [1], tooMany, ['a'.repeat(4097)], ['a\0b']])
      expect(problems({ terminal: { shellArgs } })).toEqual([
        'terminal.shellArgs: expected a list of at most 32 strings of at most 4096 characters',
      ]);
  });

  it('refuses a run-as user that does not exist or is not a valid name', () => {
    expect(problems({ terminal: { runAs: 'no-such-user-hivewatch' }, exec: { runAs: '../etc' } })).toEqual([
      "terminal.runAs: run-as user 'no-such-user-hivewatch' does not exist on this host",
      "exec.runAs: '../etc' is not a valid user name",
    ]);
    expect(problems({ exec: { runAs: '' } })).toEqual(['exec.runAs: expected a user name']);
  });

  it('refuses a run-as user other than its own when the agent is not root', () => {
    const lookup = { passwdFile: passwd };
    const found: string[] = [];
    readTerminalConfig({ runAs: 'ops' }, found, { ...lookup, agentUid: 1000 });
    readExecConfig({ runAs: 'ops' }, found, { ...lookup, agentUid: 1000 });
    expect(found).toEqual([
      "terminal.runAs: the terminal runs as 'ops' only when the agent runs as root (the agent runs as uid 1000)",
      "exec.runAs: exec runs as 'ops' only when the agent runs as root (the agent runs as uid 1000)",
    ]);
    // Its own account needs no switch; root may switch to anyone.
    const none: string[] = [];
    readTerminalConfig({ runAs: 'ops' }, none, { ...lookup, agentUid: 1500 });
    readExecConfig({ runAs: 'ops' }, none, { ...lookup, agentUid: 0 });
    expect(none).toEqual([]);
    expect(resolveRunAs('ops', 'exec', { ...lookup, agentUid: 0 })).toEqual({
      name: 'ops',
      uid: 1500,
      gid: 1500,
      home: '/home/ops',
      shell: '/bin/bash',
    });
    expect(() => resolveRunAs('broken', 'exec', lookup)).toThrow("run-as user 'broken' does not exist");
    const ops = { name: 'ops', uid: 1500, gid: 1500, home: '/', shell: '/bin/sh' };
    expect(runAsRefusal(ops, 0, 'exec')).toBeUndefined();
    expect(runAsRefusal(ops, 1500, 'exec')).toBeUndefined();
    expect(runAsRefusal(ops, 999, 'exec')).toContain('only when the agent runs as root');
  });

  it('documents the sections in --help and lists them as config file keys', () => {
    const text = helpText();
    for (const word of ['HIVEWATCH_AGENT_TERMINAL', 'HIVEWATCH_AGENT_EXEC', 'maxSessions 1..32', 'runAs'])
      expect(text).toContain(word);
    const file = path.join(dir, 'bad.json');
    fs.writeFileSync(file, JSON.stringify({ terminal: {}, exec: {}, shell: '/bin/sh' }));
    expect(() => readConfigFile(file)).toThrow("unknown key 'shell'");
  });
});

describe('the config examples of docs/terminal.md and docs/commands.md', () => {
  /** What resolveConfig says of a documented block, on a host that has the `ops` account. */
  const check = (block: string) => {
    const raw = JSON.parse(block) as Record<string, unknown>;
    const found: string[] = [];
    const lookup = { passwdFile: passwd, agentUid: 0 };
    readTerminalConfig(raw['terminal'], found, lookup);
    readExecConfig(raw['exec'], found, lookup);
    return { raw, found };
  };

  it('are accepted as they are written', () => {
    const blocks = [
      ...expectBlocks('docs/terminal.md', 'json', undefined, 2),
      ...expectBlocks('docs/commands.md', 'json', undefined, 1),
    ];
    for (const block of blocks) {
      const { raw, found } = check(block);
      expect(found).toEqual([]);
      expect(problems({ capabilities: raw['capabilities'] })).toEqual([]);
    }
  });
});
