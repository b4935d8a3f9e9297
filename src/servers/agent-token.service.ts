import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { generateAgentToken, generateTokenPrefix, hashAgentToken } from './agent-token.js';
import { Server } from './server.entity.js';

export interface IssuedAgentToken {
  /** The clear token: hand it to the caller once, never store or log it. */
  token: string;
  tokenPrefix: string;
  tokenHash: string;
  tokenRotatedAt: Date;
}

/** Mints agent tokens whose public prefix is not used by any other server. */
@Injectable()
export class AgentTokenService {
  constructor(@InjectRepository(Server) private readonly servers: Repository<Server>) {}

  async issue(manager?: EntityManager): Promise<IssuedAgentToken> {
    const repo = manager ? manager.getRepository(Server) : this.servers;
    // 32^8 ≈ 1.1e12 prefixes: a collision is very unlikely, but the column is unique, so check.
    for (let attempt = 0; attempt < 5; attempt++) {
      const tokenPrefix = generateTokenPrefix();
      if (await repo.existsBy({ tokenPrefix })) continue;
      const token = generateAgentToken(tokenPrefix);
      return { token, tokenPrefix, tokenHash: await hashAgentToken(token), tokenRotatedAt: new Date() };
    }
    throw new Error('could not find a free agent token prefix');
  }
}
