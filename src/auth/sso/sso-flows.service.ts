import type { SsoPurpose } from '@hivewatch/protocol';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { LessThan, type Repository } from 'typeorm';
import { Clock } from '../../common/auth/clock.js';
import { randomSecret, sha256Hex } from '../../common/crypto/secrets.js';
import { SecretBox } from '../../common/crypto/secret-box.js';
import { SsoFailure, type SsoProviderAdapter, type SsoRoundTrip } from './sso-provider.js';
import { tooManyStarts } from './sso-start-limiter.js';
import { SsoFlow } from './sso-flow.entity.js';
import { SsoProviders } from './sso-providers.js';

/** A provider round trip must come back within this time. */
export const SSO_FLOW_TTL_MS = 10 * 60_000;
/** Round trips pending at once, from all addresses: the table stays small whatever clients do. */
export const MAX_PENDING_SSO_FLOWS = 20_000;

export interface StartedFlow {
  /** The provider URL to redirect the browser to. */
  location: URL;
  /** The value of the `hw_sso` cookie binding the round trip to this browser. */
  browserSecret: string;
}

export interface FinishedFlow {
  flow: SsoFlow;
  adapter: SsoProviderAdapter;
  trip: SsoRoundTrip;
}

/**
 * Round trips in progress (`sso_flows`): state, nonce and PKCE verifier are random per trip; only
 * hashes of `state` and of the browser cookie are stored, nonce and verifier sealed. A callback
 * must present both, within 10 minutes, once.
 */
@Injectable()
export class SsoFlowsService {
  constructor(
    @InjectRepository(SsoFlow) private readonly repo: Repository<SsoFlow>,
    private readonly providers: SsoProviders,
    private readonly box: SecretBox,
    private readonly clock: Clock,
  ) {}

  async start(
    providerId: string,
    purpose: SsoPurpose,
    returnTo: string,
    sessionId: string | null,
  ): Promise<StartedFlow> {
    const adapter = this.providers.require(providerId);
    const now = this.clock.now();
    const secrets = { state: randomSecret(32), nonce: randomSecret(32), codeVerifier: randomSecret(48) };
    const trip: SsoRoundTrip = {
      redirectUri: this.providers.redirectUri(adapter.id),
      secrets,
      reauthenticate: purpose === 'step-up',
      startedAt: now,
    };
    const location = await adapter.authorizationUrl(trip);
    const browserSecret = randomSecret(32);
    await this.repo.delete({ expiresAt: LessThan(new Date(now)) });
    if ((await this.repo.count()) >= MAX_PENDING_SSO_FLOWS) throw tooManyStarts(60);
    await this.repo.insert({
      id: randomUUID(),
      stateHash: sha256Hex(secrets.state),
      browserHash: sha256Hex(browserSecret),
      provider: adapter.id,
      purpose,
      secretsSealed: await this.box.seal(
        { nonce: secrets.nonce, codeVerifier: secrets.codeVerifier },
        'sso-flow',
      ),
      sessionId,
      returnTo,
      expiresAt: new Date(now + SSO_FLOW_TTL_MS),
      createdAt: new Date(now),
    });
    return { location, browserSecret };
  }

  /**
   * The round trip a callback belongs to, deleted so it can be used only once. `state` must match a
   * stored round trip of this provider started by this browser (the `hw_sso` cookie).
   */
  async take(providerId: string, state: string | null, browserSecret: string | null): Promise<FinishedFlow> {
    if (!state) throw new SsoFailure('invalid-response', 'no state');
    if (!browserSecret) throw new SsoFailure('invalid-response', 'no browser binding cookie');
    const flow = await this.repo.findOneBy({ stateHash: sha256Hex(state) });
    if (!flow) throw new SsoFailure('expired', 'unknown or used state');
    if (flow.browserHash !== sha256Hex(browserSecret) || flow.provider !== providerId) {
      throw new SsoFailure('invalid-response', 'round trip started elsewhere');
    }
    // single use even when two callbacks race: only the one that deletes the row goes on
    const { affected } = await this.repo.delete({ id: flow.id });
    if (affected === 0) throw new SsoFailure('expired', 'used state');
    if (flow.expiresAt.getTime() < this.clock.now()) throw new SsoFailure('expired', 'round trip too old');
    const adapter = this.providers.require(flow.provider);
    const sealed = await this.box.open(flow.secretsSealed, 'sso-flow');
    return {
      flow,
      adapter,
      trip: {
        redirectUri: this.providers.redirectUri(adapter.id),
        secrets: { state, nonce: String(sealed.nonce), codeVerifier: String(sealed.codeVerifier) },
        reauthenticate: flow.purpose === 'step-up',
        startedAt: flow.createdAt.getTime(),
      },
    };
  }
}
