import { Body, Controller, Get, HttpCode, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  changePasswordSchema,
  loginSchema,
  secondFactorLoginSchema,
  type AccountSecurity,
  type ChangePasswordInput,
  type LoginInput,
  type LoginResult,
  type LogoutResult,
  type SecondFactorLoginInput,
} from '@hivewatch/protocol';
import { Access, AllowedBeforeEnrollment } from '../common/auth/access.decorator.js';
import { ClientIp, CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { AuthService } from './auth.service.js';
import { RetryAfterInterceptor } from './retry-after.interceptor.js';
import { SecurityOverviewService } from './security-overview.service.js';
import { CHALLENGE_COOKIE, CHALLENGE_COOKIE_PATH, SESSION_COOKIE } from './session-cookie.js';
import { SignInService } from './sign-in.service.js';
import { SsoLogoutService } from './sso/sso-logout.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly signIn: SignInService,
    private readonly security: SecurityOverviewService,
    private readonly ssoLogout: SsoLogoutService,
  ) {}

  @Post('login')
  @Access('public')
  @HttpCode(200)
  @UseInterceptors(RetryAfterInterceptor)
  @ApiOperation({
    summary:
      'Sign in with username and password: sets the hw_session cookie, or answers a second-factor challenge (429 when rate-limited)',
  })
  async login(
    @Body({ schema: loginSchema }) body: LoginInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResult> {
    const outcome = await this.auth.login(body, requestMeta(req));
    if (outcome.kind === 'session')
      res.cookie(SESSION_COOKIE, outcome.token, this.auth.cookieOptions(req.secure));
    return outcome.result;
  }

  @Post('login/second-factor')
  @Access('public')
  @HttpCode(200)
  @UseInterceptors(RetryAfterInterceptor)
  @ApiOperation({
    summary:
      'Second step of a sign-in: a TOTP or recovery code for the challenge (body, or the hw_challenge cookie after SSO); sets hw_session',
  })
  async loginSecondFactor(
    @Body({ schema: secondFactorLoginSchema }) body: SecondFactorLoginInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LoginResult> {
    const cookies = req.cookies as Record<string, unknown> | undefined;
    const fromCookie = cookies?.[CHALLENGE_COOKIE];
    const outcome = await this.signIn.completeSecondFactor(
      body,
      typeof fromCookie === 'string' && fromCookie !== '' ? fromCookie : null,
      requestMeta(req),
    );
    const options = this.auth.cookieOptions(req.secure);
    if (fromCookie !== undefined)
      res.clearCookie(CHALLENGE_COOKIE, { ...options, path: CHALLENGE_COOKIE_PATH });
    res.cookie(SESSION_COOKIE, outcome.token, options);
    return outcome.result;
  }

  @Post('logout')
  @Access('authenticated')
  @AllowedBeforeEnrollment()
  @HttpCode(204)
  @ApiOperation({
    summary:
      'Sign out: revokes the current session and clears the cookie; 200 { providerLogoutUrl } when the provider offers RP-initiated logout, else 204',
  })
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<LogoutResult | undefined> {
    const providerLogoutUrl = await this.ssoLogout.providerLogoutUrl(principal.sessionId);
    await this.auth.logout(principal, req.ip ?? null);
    res.clearCookie(SESSION_COOKIE, this.auth.cookieOptions(req.secure));
    if (!providerLogoutUrl) return undefined;
    res.status(200);
    return { providerLogoutUrl };
  }

  @Post('sign-out-everywhere')
  @Access('authenticated')
  @AllowedBeforeEnrollment()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign out everywhere: ends every session and access token of your account and clears the cookie',
  })
  async signOutEverywhere(
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.auth.signOutEverywhere(principal, req.ip ?? null);
    res.clearCookie(SESSION_COOKIE, this.auth.cookieOptions(req.secure));
  }

  @Get('me')
  @Access('authenticated')
  @AllowedBeforeEnrollment()
  @ApiOperation({ summary: 'Who the caller is, through which credential, second factor and step-up state' })
  me(@CurrentPrincipal() principal: Principal) {
    return this.auth.me(principal);
  }

  @Get('security')
  @Access('authenticated')
  @AllowedBeforeEnrollment()
  @ApiOperation({ summary: 'Your account security: password, second factor, linked identities, sessions' })
  securityOverview(@CurrentPrincipal() principal: Principal): Promise<AccountSecurity> {
    return this.security.forPrincipal(principal);
  }

  @Post('password')
  @Access('authenticated')
  @HttpCode(204)
  @UseInterceptors(RetryAfterInterceptor)
  @ApiOperation({ summary: 'Change your own password; signs out your other sessions' })
  async changePassword(
    @CurrentPrincipal() principal: Principal,
    @Body({ schema: changePasswordSchema }) body: ChangePasswordInput,
    @ClientIp() ip: string | null,
  ): Promise<void> {
    await this.auth.changePassword(principal, body, ip);
  }

  @Post('token')
  @Access('authenticated')
  @ApiOperation({ summary: 'Exchange the current credential for a short-lived bearer access token (JWT)' })
  token(@CurrentPrincipal() principal: Principal) {
    return this.auth.issueAccessToken(principal);
  }
}

function requestMeta(req: Request): { ip: string | null; userAgent: string | null } {
  return { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null };
}
