import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { Agent } from './agent.js';
import { resolveConfig, type AgentConfigInput } from './config/agent-config.js';
import { JsonLogger } from './log/logger.js';
import { OutboxLockedError } from './outbox/outbox-lock.js';
import { seedMetricsPayload } from './outbox/outbox.spec-helper.js';

/**
 * The real Agent wiring (state file, outbox file, lock) on a temporary folder; it is never started, so
 * nothing connects: samples are queued the way the metrics loop queues them.
 */
describe('agent outbox identity', () => {
  let dir: string;
  let logs: string[];
  const agents: Agent[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hw-agent-outbox-'));
    logs = [];
  });
  afterEach(() => {
    for (const agent of agents.splice(0)) agent.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function open(stateName: string, input: AgentConfigInput): Agent {
    const config = resolveConfig(input, {
      hubUrl: 'ws://127.0.0.1:9',
      configFile: path.join(dir, `${stateName}.config.json`),
      stateFile: path.join(dir, `${stateName}.json`),
      machineIdFile: path.join(dir, 'machine-id'),
    });
    const agent = new Agent({ config, logger: new JsonLogger('info', 'agent', (line) => logs.push(line)) });
    agents.push(agent);
    return agent;
  }
  const close = (agent: Agent) => {
    agent.stop();
    agents.splice(agents.indexOf(agent), 1);
  };
  const cpu = (agent: Agent) =>
    agent.outbox
      .after(0, 100)
      .map((e) => (JSON.parse(e.json) as { cpuUsagePercent: number }).cpuUsagePercent);

  it('two agents whose state files share a folder keep separate outboxes and never replay each other', () => {
    const a = open('a', { agentId: 'server-a', token: 'hwa_a' });
    for (const value of [11, 12, 13])
      a.outbox.add({ ...seedMetricsPayload(), cpuUsagePercent: value }, value);
    const b = open('b', { agentId: 'server-b', token: 'hwa_b' }); // both running at once
    expect(b.outbox.size).toBe(0);
    b.outbox.add({ ...seedMetricsPayload(), cpuUsagePercent: 21 }, 21);
    close(a);
    close(b);

    const aAgain = open('a', { agentId: 'server-a', token: 'hwa_a' });
    const bAgain = open('b', { agentId: 'server-b', token: 'hwa_b' });
    expect(cpu(aAgain)).toEqual([11, 12, 13]);
    expect(cpu(bAgain)).toEqual([21]);
    expect(bAgain.outbox.lastSeq).toBe(1);
    expect(
      fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.jsonl'))
        .sort(),
    ).toEqual(['a.outbox.jsonl', 'b.outbox.jsonl']);
  });

  it('does not replay samples recorded under another agent id: warns once and moves them aside', () => {
    const before = open('state', { agentId: 'server-old', token: 'hwa_old' });
    before.outbox.add(seedMetricsPayload(), 1);
    before.outbox.add(seedMetricsPayload(), 2);
    close(before);

    // Same state file, now configured as another server (pre-provisioned credentials are not stored).
    const after = open('state', { agentId: 'server-new', token: 'hwa_new' });
    expect(after.outbox.size).toBe(0);
    const warnings = logs.filter((l) => l.includes('another agent id'));
    expect(warnings).toHaveLength(1);
    expect(JSON.parse(warnings[0]!)).toMatchObject({
      level: 'warn',
      recordedAgentId: 'server-old',
      agentId: 'server-new',
      samples: 2,
    });
    expect(logs.join('')).not.toContain('hwa_');
    expect(fs.existsSync(path.join(dir, 'state.outbox.jsonl.foreign'))).toBe(true);
    after.outbox.add(seedMetricsPayload(), 3);
    close(after);
    expect(open('state', { agentId: 'server-new', token: 'hwa_new' }).outbox.size).toBe(1);
    expect(logs.filter((l) => l.includes('another agent id'))).toHaveLength(1);
  });

  it('ignores the folder-wide outbox.jsonl of older agents (it does not say whose it is)', () => {
    fs.writeFileSync(
      path.join(dir, 'outbox.jsonl'),
      `${JSON.stringify({ seq: 1, timestamp: 1, payload: { ...seedMetricsPayload(), seq: 1 } })}\n`,
    );
    const agent = open('state', { agentId: 'server-a', token: 'hwa_a' });
    expect(agent.outbox.size).toBe(0);
    expect(logs.some((l) => l.includes('older agent version'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'outbox.jsonl'))).toBe(true); // left for whoever still uses it
  });

  it('a second agent on the same state file is refused while the first runs', () => {
    const first = open('state', { agentId: 'server-a', token: 'hwa_a' });
    expect(() => open('state', { agentId: 'server-b', token: 'hwa_b' })).toThrow(OutboxLockedError);
    close(first);
    open('state', { agentId: 'server-a', token: 'hwa_a' });
  });
});
