import { Injectable } from '@nestjs/common';
import { API_KEY_PREFIX, ApiKeysService } from '../api-keys/api-keys.service.js';
import type { Principal } from '../common/auth/principal.js';
import { UsersService } from '../users/users.service.js';
import { AccessTokenService } from './access-token.service.js';
import { SessionsService, sessionPrincipal } from './sessions.service.js';

/**
 * Turns any credential the hub accepts into a principal: the session cookie, or a bearer token
 * that is either an API key (`hw_...`) or an access token (JWT). The HTTP guard and the WebSocket
 * streams (token in their first frame) both call it.
 */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly apiKeys: ApiKeysService,
    private readonly accessTokens: AccessTokenService,
    private readonly users: UsersService,
  ) {}

  async authenticateSession(cookieValue: string): Promise<Principal | null> {
    const found = await this.sessions.resolve(cookieValue);
    return found ? sessionPrincipal(found.user, found.session.id, found.session) : null;
  }

  /**
   * An API key or access token; null when it is neither valid nor current. The one check of bearer
   * credentials: the HTTP guard, the stream handshake and the streams' periodic re-check call it.
   */
  async authenticateBearer(token: string): Promise<Principal | null> {
    if (token.startsWith(API_KEY_PREFIX)) return this.apiKeys.authenticate(token);
    const verified = await this.accessTokens.verify(token);
    if (!verified) return null;
    const claimed = verified.principal;
    // the token may outlive a change of its user: a disabled or deleted user's tokens stop working,
    // and so does every token issued before a password reset, role change or "sign out everywhere"
    const user = await this.users.authState(claimed.userId);
    if (!user || user.disabled || user.tokenGeneration !== verified.generation) return null;
    return { ...claimed, username: user.username, role: user.role === 'admin' ? claimed.role : 'user' };
  }
}
