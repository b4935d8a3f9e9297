import { describe, expect, it } from '@jest/globals';
import {
  AGENT_CAPABILITIES,
  DANGEROUS_CAPABILITIES,
  isDangerousCapability,
  knownCapabilities,
} from '../capabilities.js';
import { capabilityDisabledMessage, WireMessage } from '../messages.js';
import {
  ACTION_CAPABILITY,
  EXTENSION_AGENT_ACTIONS,
  isActionAllowed,
  isAgentRequestAction,
  SEED_AGENT_ACTIONS,
  type AgentRequestPayload,
  type AgentResponseData,
} from './action-map.js';
import { parseAgentEvent, parseRequestPayload } from './parse-frames.js';

describe('action map', () => {
  it('lists the eight seed-002 requests and the extensions', () => {
    expect(SEED_AGENT_ACTIONS).toEqual([
      'get-server-info',
      'get-services',
      'get-service',
      'get-service-log',
      'restart-service',
      'get-processes',
      'get-process',
      'update-agent-config',
    ]);
    expect(EXTENSION_AGENT_ACTIONS).toHaveLength(17);
    expect(Object.keys(ACTION_CAPABILITY)).toHaveLength(25);
    expect(isAgentRequestAction('get-process')).toBe(true);
    expect(isAgentRequestAction('authenticate')).toBe(false);
  });

  it('types payloads and data per action', () => {
    const payload: AgentRequestPayload<'get-process'> = { pid: '42' };
    const data: AgentResponseData<'get-services'> = [
      { name: 'nginx', activeState: 'active', subState: 'running' },
    ];
    expect(parseRequestPayload('get-process', payload).ok).toBe(true);
    expect(data).toHaveLength(1);
    expect(parseRequestPayload('get-server-info', null)).toEqual({ ok: true, value: null });
  });

  it('sends a seed-002 agent seed actions only', () => {
    expect(isActionAllowed('restart-service', undefined)).toBe(true);
    expect(isActionAllowed('exec', undefined)).toBe(false);
    expect(isActionAllowed('get-capabilities', undefined)).toBe(false);
  });

  it('sends our agent only what it advertises', () => {
    expect(isActionAllowed('restart-service', ['docker'])).toBe(false);
    expect(isActionAllowed('docker-list', ['docker'])).toBe(true);
    expect(isActionAllowed('docker-action', ['docker'])).toBe(false);
    expect(isActionAllowed('get-capabilities', [])).toBe(true);
    expect(isActionAllowed('terminal-input', ['terminal'])).toBe(true);
  });
});

describe('capabilities and wire messages', () => {
  it('marks the five dangerous capabilities', () => {
    expect(DANGEROUS_CAPABILITIES).toHaveLength(5);
    expect(AGENT_CAPABILITIES.filter(isDangerousCapability)).toEqual([
      'exec',
      'terminal',
      'docker-actions',
      'services-restart',
      'upgrade',
    ]);
  });

  it('ignores unknown advertised names and duplicates', () => {
    expect(knownCapabilities(['ping', 'x-ray', 'docker', 'ping'])).toEqual(['docker', 'ping']);
  });

  it('keeps the verbatim strings', () => {
    expect(capabilityDisabledMessage('terminal')).toBe("capability 'terminal' is disabled on this host");
    expect(WireMessage.SystemdUnavailable).toBe('systemd is not available on this host');
  });
});

describe('extension schemas', () => {
  it('validates extension requests', () => {
    expect(parseRequestPayload('terminal-open', { sessionId: 't1', cols: 80, rows: 24 }).ok).toBe(true);
    expect(parseRequestPayload('terminal-input', { sessionId: 't1', data: 'bHMK' }).ok).toBe(true);
    expect(parseRequestPayload('terminal-input', { sessionId: '../x', data: 'not base64!' })).toEqual({
      ok: false,
      error:
        'payload.sessionId: must be 1-64 characters of A-Z a-z 0-9 _ -; payload.data: must be a valid base64',
    });
    expect(parseRequestPayload('docker-action', { containerId: 'web; rm', action: 'kill' })).toEqual({
      ok: false,
      error:
        'payload.containerId: must be a container id or name made of A-Z a-z 0-9 _ . -; ' +
        'payload.action: expected one of "start" | "stop" | "restart" | "remove" | "pause" | "unpause"',
    });
    expect(
      parseRequestPayload('upgrade', { version: '2.1.0', url: 'http://example.com/a', sha256: 'ABC' }),
    ).toEqual({
      ok: false,
      error: 'payload.url: must be a valid url; payload.sha256: must be 64 lower-case hex digits',
    });
    expect(
      parseRequestPayload('ping-tasks-sync', {
        tasks: [{ id: 'p1', probe: 'tcp', target: 'db:5432', intervalSeconds: 30, timeoutMs: 2000 }],
      }).ok,
    ).toBe(true);
  });

  it('validates extension events', () => {
    expect(
      parseAgentEvent({
        action: 'ping-result',
        payload: { taskId: 'p1', at: 1, success: true, latencyMs: 3, error: null, method: 'tcp' },
      }).ok,
    ).toBe(true);
    expect(
      parseAgentEvent({ action: 'terminal-exit', payload: { sessionId: 't1', exitCode: null } }).ok,
    ).toBe(true);
    expect(parseAgentEvent({ action: 'upgrade-progress', payload: { stage: 'exploding' } })).toEqual({
      ok: false,
      error:
        'payload.stage: expected one of "downloading" | "verifying" | "installing" | "restarting" | "done" | "failed"',
    });
    expect(
      parseAgentEvent({
        action: 'docker-log',
        payload: { streamId: 's', entries: [{ stream: 'stdout', line: 1, at: null }] },
      }),
    ).toEqual({ ok: false, error: 'payload.entries[0].line: expected string, received number' });
  });
});
