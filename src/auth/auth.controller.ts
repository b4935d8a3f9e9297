import { Body, Controller, Get, HttpCode, Post, Req, Res, UseInterceptors } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  changePasswordSchema,
  loginSchema,
  type ChangePasswordInput,
  type LoginInput,
} from '@hivewatch/protocol';
import { Access } from '../common/auth/access.decorator.js';
import { ClientIp, CurrentPrincipal } from '../common/auth/current-principal.decorator.js';
import type { Principal } from '../common/auth/principal.js';
import { AuthService } from './auth.service.js';
import { RetryAfterInterceptor } from './retry-after.interceptor.js';
import { SESSION_COOKIE } from './session-cookie.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @Access('public')
  @HttpCode(200)
  @UseInterceptors(RetryAfterInterceptor)
  @ApiOperation({
    summary: 'Sign in with username and password; sets the hw_session cookie (429 when rate-limited)',
  })
  async login(
    @Body({ schema: loginSchema }) body: LoginInput,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { token, user } = await this.auth.login(body, {
      ip: req.ip ?? null,
      userAgent: req.get('user-agent') ?? null,
    });
    res.cookie(SESSION_COOKIE, token, this.auth.cookieOptions(req.secure));
    return { user };
  }

  @Post('logout')
  @Access('authenticated')
  @HttpCode(204)
  @ApiOperation({ summary: 'Sign out: revokes the current session and clears the cookie' })
  async logout(
    @CurrentPrincipal() principal: Principal,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ) {
    await this.auth.logout(principal, req.ip ?? null);
    res.clearCookie(SESSION_COOKIE, this.auth.cookieOptions(req.secure));
  }

  @Post('sign-out-everywhere')
  @Access('authenticated')
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
  @ApiOperation({ summary: 'Who the caller is, and through which credential' })
  me(@CurrentPrincipal() principal: Principal) {
    return this.auth.me(principal);
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
