import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { ClockModule } from '../common/auth/clock.js';
import { DatabaseModule } from '../database/database.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccessGuard } from './access.guard.js';
import { AccessTokenService } from './access-token.service.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { CredentialsService } from './credentials.service.js';
import { LoginDelay } from './login-delay.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { SecurityPolicyModule } from './security-policy.module.js';
import { SessionCleanerJob } from './session-cleaner.job.js';
import { SessionsModule } from './sessions.module.js';
import { SignInUnlockController } from './sign-in-unlock.controller.js';

/**
 * Authentication and authorization of the hub: sign-in, sessions, users, API keys, access tokens
 * and the global guard. Other modules import it for CredentialsService / AccessTokenService.
 */
@Module({
  imports: [ClockModule, DatabaseModule, SessionsModule, SecurityPolicyModule, UsersModule, ApiKeysModule],
  controllers: [AuthController, SignInUnlockController],
  providers: [
    AuthService,
    LoginRateLimiter,
    LoginDelay,
    AccessTokenService,
    CredentialsService,
    SessionCleanerJob,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [CredentialsService, AccessTokenService, ApiKeysModule, UsersModule, SecurityPolicyModule],
})
export class AuthModule {}
