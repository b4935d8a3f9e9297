import { describe, expect, it } from '@jest/globals';
import { toDockerEvent } from './docker-events.js';

const ID = 'e'.repeat(64);
const event = (action: string, attributes: Record<string, string> = {}) => ({
  status: action,
  id: ID,
  from: 'hivewatch/test:1',
  Type: 'container',
  Action: action,
  Actor: { ID, Attributes: { image: 'hivewatch/test:1', name: 'web', ...attributes } },
  scope: 'local',
  time: 1_764_000_000,
  timeNano: 1_764_000_000_123 * 1e6,
});

describe('Docker engine events', () => {
  it('maps die with its exit code', () => {
    expect(toDockerEvent(event('die', { exitCode: '137' }))).toEqual({
      containerId: ID,
      containerName: 'web',
      image: 'hivewatch/test:1',
      action: 'die',
      at: 1_764_000_000_123,
      exitCode: 137,
    });
  });

  it('maps "health_status: unhealthy" to health_status with its health', () => {
    expect(toDockerEvent(event('health_status: unhealthy'))).toMatchObject({
      action: 'health_status',
      health: 'unhealthy',
    });
  });

  it('drops actions and types it does not forward', () => {
    expect(toDockerEvent(event('exec_start: sh -c id'))).toBeNull();
    expect(toDockerEvent(event('attach'))).toBeNull();
    expect(toDockerEvent({ ...event('create'), Type: 'network' })).toBeNull();
    expect(toDockerEvent({ ...event('create'), Actor: { ID: 'short' }, id: 'short' })).toBeNull();
  });
});
