import { describe, expect, it } from '@jest/globals';
import type { PublicIncident } from '@hivewatch/protocol';
import { overallState, serverState } from './component-state.js';

const facts = { exists: true, online: true, everSeen: true, underMaintenance: false, criticalFiring: false };
const incident = (impact: PublicIncident['impact'], status: PublicIncident['status'] = 'investigating') =>
  ({ impact, status }) as PublicIncident;

describe('component and page states', () => {
  it('derives a server component state from presence, alerts and maintenance', () => {
    expect(serverState(facts)).toBe('operational');
    expect(serverState({ ...facts, criticalFiring: true })).toBe('degraded');
    expect(serverState({ ...facts, online: false })).toBe('down');
    expect(serverState({ ...facts, online: false, underMaintenance: true })).toBe('maintenance');
    expect(serverState({ ...facts, online: false, everSeen: false })).toBe('unknown');
    expect(serverState({ ...facts, exists: false })).toBe('unknown');
  });

  it('takes the worse of the components and the open incidents', () => {
    expect(overallState(['operational', 'operational'], [])).toBe('operational');
    expect(overallState(['operational', 'maintenance'], [])).toBe('maintenance');
    expect(overallState(['operational', 'down'], [])).toBe('partial_outage');
    expect(overallState(['down', 'down', 'operational'], [])).toBe('major_outage');
    expect(overallState(['operational'], [incident('minor')])).toBe('degraded');
    expect(overallState(['operational'], [incident('critical')])).toBe('major_outage');
    expect(overallState(['operational'], [incident('critical', 'resolved')])).toBe('operational');
  });
});
