import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { MAX_TICKETS_PER_USER, TerminalTicketBook } from './terminal-tickets.js';

describe('TerminalTicketBook', () => {
  let now = 1_000_000;
  const book = () => new TerminalTicketBook(() => now, 60_000);

  it('redeems a ticket once, for its own server, within 60 s', () => {
    const tickets = book();
    const issued = tickets.issue('u1', 's1');
    expect(issued.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(issued.expiresAt).toBe(now + 60_000);
    expect(tickets.redeem(issued.ticket, 's1')).toEqual({
      userId: 'u1',
      serverId: 's1',
      sessionId: issued.sessionId,
    });
    expect(() => tickets.redeem(issued.ticket, 's1')).toThrow('unknown or already used terminal ticket');

    const foreign = tickets.issue('u1', 's1');
    expect(() => tickets.redeem(foreign.ticket, 's2')).toThrow('terminal ticket is for another server');
    // A wrong guess used it up: it does not work for the right server afterwards either.
    expect(() => tickets.redeem(foreign.ticket, 's1')).toThrow('unknown or already used');

    // The gateway names no server: the ticket alone does.
    const bare = tickets.issue('u1', 's2');
    expect(tickets.redeem(bare.ticket)).toMatchObject({ userId: 'u1', serverId: 's2' });
    expect(() => tickets.redeem(bare.ticket)).toThrow('unknown or already used');
  });

  it('refuses an expired ticket', () => {
    const tickets = book();
    const issued = tickets.issue('u1', 's1');
    now += 60_000;
    expect(() => tickets.redeem(issued.ticket, 's1')).toThrow('terminal ticket expired');
  });

  it('keeps only the SHA-256 of a ticket, never the ticket itself', () => {
    const tickets = book();
    const issued = tickets.issue('u1', 's1');
    const held = JSON.stringify([...(tickets as unknown as { byDigest: Map<string, unknown> }).byDigest]);
    expect(held).not.toContain(issued.ticket);
    expect(held).toContain(createHash('sha256').update(issued.ticket).digest('hex'));
  });

  it('limits unused tickets per user; expired ones stop counting', () => {
    const tickets = book();
    for (let i = 0; i < MAX_TICKETS_PER_USER; i++) tickets.issue('u1', 's1');
    expect(() => tickets.issue('u1', 's1')).toThrow(
      `at most ${MAX_TICKETS_PER_USER} unused terminal tickets`,
    );
    expect(() => tickets.issue('u2', 's1')).not.toThrow();
    now += 60_001;
    expect(() => tickets.issue('u1', 's1')).not.toThrow();
    expect(tickets.size).toBe(1);
  });
});
