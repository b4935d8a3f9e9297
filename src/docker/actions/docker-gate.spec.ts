import { describe, expect, it } from '@jest/globals';
import { DOCKER_ACTIONS, isActionAllowed } from '@hivewatch/protocol';
import { simpleDialectCapabilities } from '../../agents/agent-authenticator.js';
import { SimpleAdapter } from '../../agents/dialects/simple.adapter.js';
import { labelContainer } from './container-ref.js';
import {
  DOCKER_ACTIONS_NOT_ENABLED,
  DOCKER_NOT_ENABLED,
  gateDockerAction,
  gateDockerRead,
  SIMPLE_DOCKER_DENIED,
  SIMPLE_DOCKER_READ_UNSUPPORTED,
} from './docker-gate.js';

const ours = (capabilities: string[] | undefined) => ({
  dialect: 'envelope' as const,
  capabilities,
  simpleCommands: false,
});
const simple = (simpleCommands: boolean) => ({
  dialect: 'simple' as const,
  capabilities: simpleDialectCapabilities(simpleCommands),
  simpleCommands,
});

describe('Docker gating', () => {
  it("sends actions to our agent only when its host advertises 'docker-actions'", () => {
    for (const action of DOCKER_ACTIONS) {
      expect(gateDockerAction(ours(['docker', 'docker-actions']), action)).toEqual({ ok: true });
      expect(gateDockerAction(ours(['docker']), action)).toEqual({
        ok: false,
        message: DOCKER_ACTIONS_NOT_ENABLED,
      });
      expect(gateDockerAction(ours(undefined), action)).toEqual({
        ok: false,
        message: DOCKER_ACTIONS_NOT_ENABLED,
      });
    }
    expect(DOCKER_ACTIONS_NOT_ENABLED).toContain("capability 'docker-actions' is not enabled on this host");
  });

  it('reads (inspect, logs) through our agent only with docker, never through a seed-001 agent', () => {
    expect(gateDockerRead(ours(['docker']))).toEqual({ ok: true });
    expect(gateDockerRead(ours(['docker-actions']))).toEqual({ ok: false, message: DOCKER_NOT_ENABLED });
    expect(gateDockerRead(ours(undefined))).toEqual({ ok: false, message: DOCKER_NOT_ENABLED });
    expect(gateDockerRead(simple(true))).toEqual({ ok: false, message: SIMPLE_DOCKER_READ_UNSUPPORTED });
  });

  it("sends seed-001 docker_command only with the server's simpleCommands switch on", () => {
    for (const action of ['start', 'stop', 'restart', 'remove'] as const) {
      expect(gateDockerAction(simple(false), action)).toEqual({ ok: false, message: SIMPLE_DOCKER_DENIED });
      expect(gateDockerAction(simple(true), action)).toEqual({ ok: true });
    }
    expect(SIMPLE_DOCKER_DENIED).toMatch(/simpleCommands/);
  });

  it('refuses pause and unpause for a seed-001 agent, whatever the switch', () => {
    for (const action of ['pause', 'unpause'] as const)
      for (const on of [false, true]) {
        const decision = gateDockerAction(simple(on), action);
        expect(decision.ok).toBe(false);
        if (!decision.ok) expect(decision.message).toContain(`'${action}' cannot be sent`);
      }
    expect(() =>
      new SimpleAdapter().encodeRequest(1, 'docker-action', { containerId: 'web', action: 'pause' }),
    ).toThrow(/pause/);
  });

  it('gives a seed-001 agent no capability without the switch: the RPC client refuses too', () => {
    expect(simpleDialectCapabilities(false)).toEqual([]);
    expect(isActionAllowed('docker-action', simpleDialectCapabilities(false))).toBe(false);
    expect(isActionAllowed('exec', simpleDialectCapabilities(false))).toBe(false);
    expect(isActionAllowed('docker-action', simpleDialectCapabilities(true))).toBe(true);
    expect(isActionAllowed('exec', simpleDialectCapabilities(true))).toBe(true);
    expect(simpleDialectCapabilities(true)).not.toContain('docker');
  });

  it('maps a seed-001 docker_response without a message onto a valid empty result', () => {
    const frame = new SimpleAdapter().decode(
      JSON.stringify({ type: 'docker_response', command_id: '7', success: true }),
      's',
      1,
    );
    expect(frame).toMatchObject({
      kind: 'response',
      response: { id: 7, payload: { status: 'ok', data: {} } },
    });
  });
});

describe('labelContainer (audit names)', () => {
  const id = 'a'.repeat(12) + 'b'.repeat(52);
  const containers = [{ id, name: 'web' }];

  it('names a known container by id, name or id prefix, and keeps an unknown ref as given', () => {
    expect(labelContainer(containers, id)).toEqual({ containerId: id, containerName: 'web' });
    expect(labelContainer(containers, 'web')).toEqual({ containerId: id, containerName: 'web' });
    expect(labelContainer(containers, id.slice(0, 12))).toEqual({ containerId: id, containerName: 'web' });
    expect(labelContainer(containers, 'aaaa')).toEqual({ containerId: 'aaaa', containerName: null });
    expect(labelContainer(undefined, 'db')).toEqual({ containerId: 'db', containerName: null });
  });
});
