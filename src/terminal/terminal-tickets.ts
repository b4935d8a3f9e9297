import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { TERMINAL_TICKET_TTL_MS } from '@hivewatch/protocol';

/** What a redeemed ticket allows: this user, on this server, for this session id. */
export interface TerminalGrant {
  userId: string;
  serverId: string;
  sessionId: string;
}

export interface IssuedTicket extends TerminalGrant {
  ticket: string;
  expiresAt: number;
}

/** Why a ticket does not open a terminal; the gateway closes the socket with this message. */
export class TerminalTicketError extends Error {
  override name = 'TerminalTicketError';
}

/** Outstanding (unredeemed, unexpired) tickets one user may hold. */
export const MAX_TICKETS_PER_USER = 8;

const digest = (ticket: string): string => createHash('sha256').update(ticket).digest('hex');

/**
 * Single-use terminal tickets, held in this hub's memory by their SHA-256 only: a heap dump or a
 * log line never yields a usable ticket. 32 random bytes make guessing hopeless, so a plain hash
 * suffices. Redeeming removes the ticket first, then checks it: a reused ticket finds nothing.
 * (A hub cluster needs them in shared storage: a later issue's Redis.)
 */
export class TerminalTicketBook {
  private readonly byDigest = new Map<string, TerminalGrant & { expiresAt: number }>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = TERMINAL_TICKET_TTL_MS,
  ) {}

  get size(): number {
    return this.byDigest.size;
  }

  issue(userId: string, serverId: string): IssuedTicket {
    this.dropExpired();
    let held = 0;
    for (const grant of this.byDigest.values()) if (grant.userId === userId) held += 1;
    if (held >= MAX_TICKETS_PER_USER)
      throw new TerminalTicketError(`at most ${MAX_TICKETS_PER_USER} unused terminal tickets per user`);
    const ticket = randomBytes(32).toString('base64url');
    const grant = { userId, serverId, sessionId: `t_${randomUUID()}`, expiresAt: this.now() + this.ttlMs };
    this.byDigest.set(digest(ticket), grant);
    return { ticket, ...grant };
  }

  /**
   * The grant of `ticket`, once; throws for unknown, used, expired or (when `serverId` is given)
   * foreign tickets. The gateway passes none: the ticket alone names the server.
   */
  redeem(ticket: string, serverId?: string): TerminalGrant {
    const key = digest(ticket);
    const grant = this.byDigest.get(key);
    this.byDigest.delete(key);
    if (!grant) throw new TerminalTicketError('unknown or already used terminal ticket');
    if (grant.expiresAt <= this.now()) throw new TerminalTicketError('terminal ticket expired');
    if (serverId !== undefined && grant.serverId !== serverId)
      throw new TerminalTicketError('terminal ticket is for another server');
    return { userId: grant.userId, serverId: grant.serverId, sessionId: grant.sessionId };
  }

  private dropExpired(): void {
    const now = this.now();
    for (const [key, grant] of this.byDigest) if (grant.expiresAt <= now) this.byDigest.delete(key);
  }
}
