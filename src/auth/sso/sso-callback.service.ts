import type { SsoError } from '@hivewatch/protocol';
import { Injectable, Logger } from '@nestjs/common';
import { AuditService } from '../../audit/audit.service.js';
import type { Principal } from '../../common/auth/principal.js';
import { CredentialsService } from '../credentials.service.js';
import { IdentitiesService } from '../identities/identities.service.js';
import { type RequestMeta } from '../sign-in.service.js';
import { StepUpService } from '../step-up/step-up.service.js';
import { SsoFailure } from './sso-provider.js';
import { SsoFlowsService, type FinishedFlow } from './sso-flows.service.js';
import { SsoSignInService } from './sso-sign-in.service.js';

/** A provider's `auth_time` may be this much earlier than the round trip start (second precision, clocks). */
const AUTH_TIME_SKEW_MS = 10_000;

export interface CallbackInput {
  providerId: string;
  callbackUrl: URL;
  /** The `hw_sso` cookie. */
  browserSecret: string | null;
  /** The `hw_session` cookie (link and step-up act on the session that started the round trip). */
  sessionToken: string | null;
  meta: RequestMeta;
}

/** Where the callback sends the browser, and which cookie it sets on the way. */
export type CallbackOutcome =
  | { kind: 'redirect'; location: string }
  | { kind: 'session'; location: string; token: string }
  | { kind: 'challenge'; location: string; challenge: string; expiresAt: Date };

/**
 * The provider callback: takes the round trip (state + browser cookie, once), lets the adapter
 * check the answer, then signs in, links or steps up. Every failure becomes a redirect with an
 * SsoError code (never a detail or a secret) and an audit row.
 */
@Injectable()
export class SsoCallbackService {
  private readonly logger = new Logger(SsoCallbackService.name);

  constructor(
    private readonly flows: SsoFlowsService,
    private readonly signIn: SsoSignInService,
    private readonly identities: IdentitiesService,
    private readonly credentials: CredentialsService,
    private readonly stepUp: StepUpService,
    private readonly audit: AuditService,
  ) {}

  async handle(input: CallbackInput): Promise<CallbackOutcome> {
    let finished: FinishedFlow;
    try {
      finished = await this.flows.take(
        input.providerId,
        input.callbackUrl.searchParams.get('state'),
        input.browserSecret,
      );
    } catch (err) {
      const code = await this.failed(err, input, 'auth.login', null);
      return { kind: 'redirect', location: signInError(code) };
    }
    const { flow } = finished;
    const purpose = flow.purpose === 'link' || flow.purpose === 'step-up' ? flow.purpose : 'sign-in';
    if (purpose === 'sign-in') {
      try {
        return await this.signIn.complete(finished, input.callbackUrl, input.meta);
      } catch (err) {
        return { kind: 'redirect', location: signInError(await this.failed(err, input, 'auth.login', null)) };
      }
    }
    const action = purpose === 'link' ? 'auth.identity.link' : 'auth.step-up';
    let principal: Principal | null = null;
    try {
      principal = input.sessionToken ? await this.credentials.authenticateSession(input.sessionToken) : null;
      if (!principal?.sessionId || principal.sessionId !== flow.sessionId) {
        throw new SsoFailure('expired', 'the session that started the round trip is gone');
      }
      const identity = await finished.adapter.complete(input.callbackUrl, finished.trip);
      if (purpose === 'link') {
        await this.identities.link(principal, identity, input.meta.ip);
      } else {
        if (!(await this.identities.belongsTo(principal.userId, identity))) {
          throw new SsoFailure('refused', 'identity of another user');
        }
        if (
          identity.authTime === null ||
          identity.authTime * 1000 < finished.trip.startedAt - AUTH_TIME_SKEW_MS
        ) {
          throw new SsoFailure('reauthentication-required', 'auth_time older than the round trip');
        }
        await this.stepUp.recordProof(principal.sessionId);
        await this.audit.record({
          actor: principal,
          action,
          target: { type: 'user', id: principal.userId },
          ip: input.meta.ip,
          detail: { method: `sso:${identity.provider}`, provider: identity.provider },
        });
      }
      return { kind: 'redirect', location: flow.returnTo };
    } catch (err) {
      const code = await this.failed(err, input, action, principal);
      return { kind: 'redirect', location: withParam(flow.returnTo, 'ssoError', code) };
    }
  }

  private async failed(
    err: unknown,
    input: CallbackInput,
    action: string,
    principal: Principal | null,
  ): Promise<SsoError> {
    const known = err instanceof SsoFailure;
    const code: SsoError = known ? err.code : 'refused';
    if (known)
      this.logger.warn({ provider: input.providerId, detail: err.message }, 'single sign-on refused');
    else this.logger.error({ provider: input.providerId, err }, 'single sign-on failed');
    await this.audit.record({
      actor: principal ?? { via: 'anonymous' },
      action,
      outcome: 'failure',
      ...(principal && { target: { type: 'user', id: principal.userId } }),
      ip: input.meta.ip,
      detail: { provider: input.providerId, reason: code },
    });
    return code;
  }
}

function signInError(code: SsoError): string {
  return `/sign-in?error=${code}`;
}

/** `returnTo` (a path of this hub) with one query parameter set. */
export function withParam(path: string, key: string, value: string): string {
  const url = new URL(path, 'http://hub.invalid');
  url.searchParams.set(key, value);
  return `${url.pathname}${url.search}${url.hash}`;
}
