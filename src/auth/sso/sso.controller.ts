import {
  ssoProviderIdSchema,
  ssoStartQuerySchema,
  type SignInOptions,
  type SsoStartQuery,
} from '@hivewatch/protocol';
import { Controller, Get, Param, Query, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { CookieOptions, Request, Response } from 'express';
import { Access } from '../../common/auth/access.decorator.js';
import { AppConfig } from '../../config/app-config.js';
import { AuthSettingsService } from '../auth-settings.service.js';
import { RetryAfterInterceptor } from '../retry-after.interceptor.js';
import {
  CHALLENGE_COOKIE,
  CHALLENGE_COOKIE_PATH,
  SESSION_COOKIE,
  sessionCookieOptions,
} from '../session-cookie.js';
import { SsoCallbackService } from './sso-callback.service.js';
import { SSO_FLOW_TTL_MS } from './sso-flows.service.js';
import { SsoStartLimiter } from './sso-start-limiter.js';
import { SsoStartService } from './sso-start.service.js';
import { SsoProviders } from './sso-providers.js';

/** Binds a round trip to the browser that started it (login CSRF); only its hash is stored. */
const FLOW_COOKIE = 'hw_sso';
const FLOW_COOKIE_PATH = '/api/v1/auth/sso';

@ApiTags('auth')
@Controller('auth')
export class SsoController {
  constructor(
    private readonly providers: SsoProviders,
    private readonly settings: AuthSettingsService,
    private readonly starts: SsoStartService,
    private readonly callbacks: SsoCallbackService,
    private readonly limiter: SsoStartLimiter,
    private readonly config: AppConfig,
  ) {}

  @Get('providers')
  @Access('public')
  @ApiOperation({
    summary: 'What the sign-in page offers: the configured providers, and whether password sign-in is on',
  })
  async signInOptions(): Promise<SignInOptions> {
    return { providers: this.providers.list(), localSignIn: (await this.settings.get()).localSignIn };
  }

  @Get('sso/:provider/start')
  @Access('public')
  @UseInterceptors(RetryAfterInterceptor)
  @ApiOperation({
    summary:
      'Start a provider round trip (sign-in, or link/step-up for the signed-in user): redirects to the provider',
  })
  async start(
    @Param('provider', { schema: ssoProviderIdSchema }) provider: string,
    @Query({ schema: ssoStartQuerySchema }) query: SsoStartQuery,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    this.limiter.admit(req.ip ?? null);
    const outcome = await this.starts.start(provider, query, readCookie(req, SESSION_COOKIE));
    if (outcome.kind === 'provider') {
      res.cookie(FLOW_COOKIE, outcome.browserSecret, {
        ...this.cookie(req, FLOW_COOKIE_PATH),
        maxAge: SSO_FLOW_TTL_MS,
      });
    }
    res.redirect(302, outcome.location);
  }

  @Get('sso/:provider/callback')
  @Access('public')
  @ApiOperation({
    summary:
      'Where the provider sends the browser back: signs in, links or steps up, then redirects to the console',
  })
  async callback(
    @Param('provider', { schema: ssoProviderIdSchema }) provider: string,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const outcome = await this.callbacks.handle({
      providerId: provider,
      callbackUrl: new URL(req.originalUrl, this.config.publicUrl ?? 'http://hub.invalid'),
      browserSecret: readCookie(req, FLOW_COOKIE),
      sessionToken: readCookie(req, SESSION_COOKIE),
      meta: { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null },
    });
    res.clearCookie(FLOW_COOKIE, this.cookie(req, FLOW_COOKIE_PATH));
    if (outcome.kind === 'session') res.cookie(SESSION_COOKIE, outcome.token, this.cookie(req, '/'));
    if (outcome.kind === 'challenge') {
      const maxAge = Math.max(0, outcome.expiresAt.getTime() - Date.now());
      res.cookie(CHALLENGE_COOKIE, outcome.challenge, { ...this.cookie(req, CHALLENGE_COOKIE_PATH), maxAge });
    }
    res.redirect(302, outcome.location);
  }

  private cookie(req: Request, path: string): CookieOptions {
    return { ...sessionCookieOptions(this.config, req.secure), path };
  }
}

function readCookie(req: Request, name: string): string | null {
  const value = (req.cookies as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value !== '' ? value : null;
}
