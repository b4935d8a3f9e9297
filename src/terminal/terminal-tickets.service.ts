import { ConflictException, ForbiddenException, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { TerminalTicketResponse } from '@hivewatch/protocol';
import { AuditService } from '../audit/audit.service.js';
import type { ActorContext } from '../common/auth/actor-context.js';
import { Clock } from '../common/auth/clock.js';
import { ServersService } from '../servers/servers.service.js';
import { TerminalTicketBook, TerminalTicketError, type TerminalGrant } from './terminal-tickets.js';

export const TERMINAL_NOT_ENABLED =
  'terminal is not enabled on this host — set `capabilities` in the agent config (add "terminal")';
const CONSOLE_ONLY =
  'terminals open only from a signed-in console session: API keys and access tokens never do';

/**
 * Issues the single-use ticket the console sends as the first frame of `/api/v1/ws/terminal`. The
 * route already demands an admin and a fresh step-up; this adds what step-up lets through for
 * other actions (an `ops` API key) but a terminal must not: only a person at a console.
 */
@Injectable()
export class TerminalTicketsService {
  private readonly book: TerminalTicketBook;

  constructor(
    private readonly servers: ServersService,
    private readonly audit: AuditService,
    clock: Clock,
  ) {
    this.book = new TerminalTicketBook(() => clock.now());
  }

  async issue(serverId: string, ctx: ActorContext): Promise<TerminalTicketResponse> {
    const { actor } = ctx;
    if (!('role' in actor) || actor.via !== 'session' || actor.role !== 'admin')
      throw new ForbiddenException(CONSOLE_ONLY);
    const server = await this.servers.get(serverId); // 404 first
    if (!server.capabilities?.includes('terminal')) throw new ConflictException(TERMINAL_NOT_ENABLED);
    let issued;
    try {
      issued = this.book.issue(actor.userId, serverId);
    } catch (error) {
      if (error instanceof TerminalTicketError)
        throw new HttpException(error.message, HttpStatus.TOO_MANY_REQUESTS);
      throw error;
    }
    await this.audit.record({
      ...ctx,
      action: 'terminal.ticket.issue',
      target: { type: 'server', id: serverId },
      detail: { sessionId: issued.sessionId },
    });
    return {
      ticket: issued.ticket,
      sessionId: issued.sessionId,
      expiresAt: new Date(issued.expiresAt).toISOString(),
    };
  }

  /** For the gateway: the grant of a ticket presented in a first frame (throws TerminalTicketError). */
  redeem(ticket: string, serverId?: string): TerminalGrant {
    return this.book.redeem(ticket, serverId);
  }
}
