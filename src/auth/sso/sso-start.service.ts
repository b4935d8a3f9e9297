import type { SsoStartQuery } from '@hivewatch/protocol';
import { Injectable, UnauthorizedException } from '@nestjs/common';
import { EntityNotFoundError } from '../../common/errors/domain-errors.js';
import { CredentialsService } from '../credentials.service.js';
import { withParam } from './sso-callback.service.js';
import { SsoFlowsService } from './sso-flows.service.js';
import { SsoFailure } from './sso-provider.js';
import { SsoProviders } from './sso-providers.js';

export type StartOutcome =
  { kind: 'provider'; location: string; browserSecret: string } | { kind: 'failed'; location: string };

/**
 * The start of a round trip: an unknown provider is 404, `link` and `step-up` need the session that
 * will be linked or stepped up (401 otherwise), a provider that cannot be reached sends the browser
 * back with the error code.
 */
@Injectable()
export class SsoStartService {
  constructor(
    private readonly providers: SsoProviders,
    private readonly flows: SsoFlowsService,
    private readonly credentials: CredentialsService,
  ) {}

  async start(provider: string, query: SsoStartQuery, sessionToken: string | null): Promise<StartOutcome> {
    if (!this.providers.find(provider)) throw new EntityNotFoundError('Sign-in provider', provider);
    let sessionId: string | null = null;
    if (query.purpose !== 'sign-in') {
      const principal = sessionToken ? await this.credentials.authenticateSession(sessionToken) : null;
      if (!principal?.sessionId)
        throw new UnauthorizedException(`Sign in first: ${query.purpose} needs a session`);
      sessionId = principal.sessionId;
    }
    try {
      const started = await this.flows.start(provider, query.purpose, query.returnTo, sessionId);
      return { kind: 'provider', location: started.location.href, browserSecret: started.browserSecret };
    } catch (err) {
      if (!(err instanceof SsoFailure)) throw err;
      const location =
        query.purpose === 'sign-in'
          ? withParam('/sign-in', 'error', err.code)
          : withParam(query.returnTo, 'ssoError', err.code);
      return { kind: 'failed', location };
    }
  }
}
