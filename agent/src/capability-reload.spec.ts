import { describe, expect, it } from '@jest/globals';
import type { AgentCapability } from '@hivewatch/protocol';
import { removeCapabilitiesNotIn } from './capability-reload.js';
import { JsonLogger } from './log/logger.js';

function target(capabilities: AgentCapability[]) {
  const lines: string[] = [];
  const reconnects: number[] = [];
  return {
    lines,
    reconnects,
    target: {
      capabilities: new Set(capabilities),
      terminal: undefined,
      logger: new JsonLogger('info', 'agent', (line) => lines.push(line)),
      reconnect: () => reconnects.push(Date.now()),
    },
  };
}

describe('removing capabilities on SIGHUP', () => {
  it('removes what the config no longer lists and reconnects to tell the hub', () => {
    const t = target(['exec', 'services-restart']);
    removeCapabilitiesNotIn(['services-restart'], t.target);
    expect([...t.target.capabilities]).toEqual(['services-restart']);
    expect(t.reconnects).toHaveLength(1);
    expect(t.lines.join('')).toContain('"removed":"exec"');
  });

  it('never adds one at run time, and changes nothing when nothing was removed', () => {
    const t = target(['exec']);
    removeCapabilitiesNotIn(['exec', 'terminal'], t.target);
    expect([...t.target.capabilities]).toEqual(['exec']);
    expect(t.reconnects).toEqual([]);
    expect(t.lines.join('')).toContain('take effect at the next start');
  });
});
