import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Subject, type Observable } from 'rxjs';
import type { Repository } from 'typeorm';
import {
  agentTokenNeedsRehash,
  generateAgentToken,
  hashAgentToken,
  parseAgentToken,
  sha256Hex,
  verifyAgentTokenHash,
} from './agent-token.js';
import { Server } from './server.entity.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

export const VERIFIED_TOKEN_CACHE_SIZE = 50_000;

export interface TokenRevocation {
  serverId: string;
  reason: 'rotated' | 'deleted';
}

/**
 * Checks agent tokens (both dialects) and remembers the ones that passed, so a fleet reconnecting
 * after a hub restart pays argon2 once per agent and then only a primary-key read
 * (protocol.md §1.6). A cache hit is re-checked against the row's `tokenRotatedAt` and prefix, so
 * a rotation made by another hub instance also ends the old token here.
 */
@Injectable()
export class AgentTokenVerifier {
  private readonly logger = new Logger(AgentTokenVerifier.name);
  private readonly cache = new VerifiedTokenCache(VERIFIED_TOKEN_CACHE_SIZE);
  private readonly revocations = new Subject<TokenRevocation>();
  private dummyHash: Promise<string> | undefined;

  constructor(@InjectRepository(Server) private readonly servers: Repository<Server>) {}

  /** Emits when a server's token stops being valid; the agent gateway closes its live connection. */
  get revocations$(): Observable<TokenRevocation> {
    return this.revocations.asObservable();
  }

  get cachedCount(): number {
    return this.cache.size;
  }

  /**
   * The server this token belongs to, or null. `serverId` (envelope dialect `agent_id`) must match
   * when given; the simple dialect passes null and the token's prefix finds the server.
   */
  async verify(serverId: string | null, token: string): Promise<Server | null> {
    const parsed = parseAgentToken(token);
    if (!parsed) return null;
    const key = sha256Hex(token);

    const cached = this.cache.get(key);
    if (cached) {
      if (serverId !== null && cached.serverId !== serverId) return null;
      const server = await this.servers.findOneBy({ id: cached.serverId });
      if (
        server &&
        server.tokenPrefix === parsed.prefix &&
        server.tokenRotatedAt.getTime() === cached.tokenRotatedAt
      ) {
        return server;
      }
      this.cache.deleteServer(cached.serverId);
    }

    const server = await this.servers.findOneBy({ tokenPrefix: parsed.prefix });
    if (!server || (serverId !== null && server.id !== serverId)) {
      // Same argon2 cost as a wrong secret, so timing does not tell which prefixes exist.
      await verifyAgentTokenHash(await this.getDummyHash(), token);
      return null;
    }
    if (!(await verifyAgentTokenHash(server.tokenHash, token))) return null;

    this.cache.set(key, { serverId: server.id, tokenRotatedAt: server.tokenRotatedAt.getTime() });
    if (agentTokenNeedsRehash(server.tokenHash)) this.rehash(server, token);
    return server;
  }

  /** Ends a server's current token in this process (after rotation or deletion). */
  invalidate(serverId: string, reason: TokenRevocation['reason']): void {
    this.cache.deleteServer(serverId);
    this.revocations.next({ serverId, reason });
  }

  /** Forgets every verified token (tests, benchmarks). */
  clearCache(): void {
    this.cache.clear();
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= hashAgentToken(generateAgentToken());
    return this.dummyHash;
  }

  /** Upgrades a hash made with older argon2 parameters; only if the row still holds that hash. */
  private rehash(server: Server, token: string): void {
    const old = server.tokenHash;
    hashAgentToken(token)
      .then((tokenHash) => this.servers.update({ id: server.id, tokenHash: old }, { tokenHash }))
      .catch((err: unknown) =>
        this.logger.warn({ err, serverId: server.id }, 'could not rehash agent token'),
      );
  }
}
