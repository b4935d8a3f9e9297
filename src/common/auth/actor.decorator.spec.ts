import { describe, expect, it } from '@jest/globals';
import { actorOf } from './actor.decorator.js';
import type { AuthenticatedRequest } from './current-principal.decorator.js';
import type { Principal } from './principal.js';

const principal: Principal = { via: 'api-key', userId: 'u1', username: 'ada', role: 'admin', scope: 'admin' };
const request = (fields: Partial<AuthenticatedRequest>) => fields as AuthenticatedRequest;

describe('actorOf', () => {
  it('is the principal and the client address of the request', () => {
    expect(actorOf(request({ principal, ip: '203.0.113.7' }))).toEqual({
      actor: principal,
      ip: '203.0.113.7',
    });
  });

  it('is anonymous without a principal, and has a null address when Express has none', () => {
    expect(actorOf(request({}))).toEqual({ actor: { via: 'anonymous' }, ip: null });
  });
});
