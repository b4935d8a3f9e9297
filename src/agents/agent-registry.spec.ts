import { describe, expect, it } from '@jest/globals';
import type { AgentConnection } from './agent-connection.js';
import { AgentRegistry } from './agent-registry.js';

const conn = (name: string) => ({ name }) as unknown as AgentConnection;

describe('AgentRegistry: one live connection per server', () => {
  it('a newer connection replaces the older one, which it returns for closing', () => {
    const r = new AgentRegistry();
    const a = conn('a');
    const b = conn('b');
    expect(r.attach('s1', a)).toBeUndefined();
    expect(r.attach('s1', b)).toBe(a);
    expect(r.get('s1')).toBe(b);
  });

  it("the replaced socket's late close does not remove the newer entry", () => {
    const r = new AgentRegistry();
    const a = conn('a');
    const b = conn('b');
    r.attach('s1', a);
    r.attach('s1', b);
    expect(r.detach('s1', a)).toBe(false);
    expect(r.get('s1')).toBe(b);
    expect(r.detach('s1', b)).toBe(true);
    expect(r.has('s1')).toBe(false);
  });

  it('re-attaching the same connection is not a replacement', () => {
    const r = new AgentRegistry();
    const a = conn('a');
    r.attach('s1', a);
    expect(r.attach('s1', a)).toBeUndefined();
    expect(r.size).toBe(1);
  });
});
