import { describe, expect, it } from '@jest/globals';
import { Backoff } from './backoff.js';
import { agentEndpoint } from './hub-url.js';

describe('Backoff (full jitter)', () => {
  it('doubles the ceiling from 1 s up to 60 s and draws uniformly below it', () => {
    const ceilings: number[] = [];
    const backoff = new Backoff(1000, 60_000, () => 1);
    for (let i = 0; i < 9; i++) ceilings.push(backoff.next());
    expect(ceilings).toEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000]);
    expect(new Backoff(1000, 60_000, () => 0).next()).toBe(0);
    const half = new Backoff(1000, 60_000, () => 0.5);
    half.next();
    expect(half.next()).toBe(1000);
  });

  it('starts over after a successful connection', () => {
    const backoff = new Backoff(1000, 60_000, () => 1);
    backoff.next();
    backoff.next();
    backoff.reset();
    expect(backoff.next()).toBe(1000);
  });
});

describe('agentEndpoint', () => {
  it('derives the agent WebSocket URL from the hub address', () => {
    expect(agentEndpoint('https://hub.example.com')).toBe('wss://hub.example.com/api/v1/agents/ws');
    expect(agentEndpoint('http://127.0.0.1:8080/')).toBe('ws://127.0.0.1:8080/api/v1/agents/ws');
    expect(agentEndpoint('wss://hub.example.com/custom/ws')).toBe('wss://hub.example.com/custom/ws');
    expect(() => agentEndpoint('https://hub.example.com/?token=secret')).toThrow(
      'must not carry credentials',
    );
  });
});
