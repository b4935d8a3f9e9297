import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ApiKeysModule } from '../api-keys/api-keys.module.js';
import { ClockModule } from '../common/auth/clock.js';
import { DatabaseModule } from '../database/database.module.js';
import { SecretBoxModule } from '../common/crypto/secret-box.module.js';
import { UsersModule } from '../users/users.module.js';
import { AccessGuard } from './access.guard.js';
import { AccessTokenService } from './access-token.service.js';
import { AuthController } from './auth.controller.js';
import { AuthPolicyService } from './auth-policy.service.js';
import { AuthSettingsController } from './auth-settings.controller.js';
import { AuthService } from './auth.service.js';
import { CredentialsService } from './credentials.service.js';
import { UserIdentity } from './identities/user-identity.entity.js';
import { LoginDelay } from './login-delay.js';
import { LoginRateLimiter } from './login-rate-limiter.js';
import { RecoveryCode } from './second-factor/recovery-code.entity.js';
import { SecondFactorController } from './second-factor/second-factor.controller.js';
import { SecondFactor } from './second-factor/second-factor.entity.js';
import { SecondFactorService } from './second-factor/second-factor.service.js';
import { SignInChallenge } from './second-factor/sign-in-challenge.entity.js';
import { SignInChallengesService } from './second-factor/sign-in-challenges.service.js';
import { SecurityOverviewService } from './security-overview.service.js';
import { SecurityPolicyModule } from './security-policy.module.js';
import { SessionCleanerJob } from './session-cleaner.job.js';
import { SessionsModule } from './sessions.module.js';
import { SignInService } from './sign-in.service.js';
import { SignInThrottle } from './sign-in-throttle.js';
import { SignInUnlockController } from './sign-in-unlock.controller.js';
import { StepUpController } from './step-up/step-up.controller.js';
import { StepUpGuard } from './step-up/step-up.guard.js';
import { StepUpMethodsService } from './step-up/step-up-methods.service.js';
import { StepUpProofService } from './step-up/step-up-proof.service.js';
import { SsoProvidersModule } from './sso/sso-providers.module.js';

/**
 * Authentication and authorization of the hub: sign-in (SignInService, shared with single sign-on),
 * the second factor, step-up, sessions, users, API keys, access tokens and the global guard. Other
 * modules import it for CredentialsService / AccessTokenService / SignInService.
 */
@Module({
  imports: [
    SecretBoxModule,
    ClockModule,
    DatabaseModule,
    SessionsModule,
    SecurityPolicyModule,
    SsoProvidersModule,
    UsersModule,
    ApiKeysModule,
    TypeOrmModule.forFeature([SecondFactor, RecoveryCode, SignInChallenge, UserIdentity]),
  ],
  controllers: [
    AuthController,
    SignInUnlockController,
    SecondFactorController,
    StepUpController,
    AuthSettingsController,
  ],
  providers: [
    AuthService,
    LoginRateLimiter,
    LoginDelay,
    SignInThrottle,
    SignInService,
    SignInChallengesService,
    SecondFactorService,
    StepUpGuard,
    StepUpMethodsService,
    StepUpProofService,
    SecurityOverviewService,
    AuthPolicyService,
    AccessTokenService,
    CredentialsService,
    SessionCleanerJob,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [
    CredentialsService,
    AccessTokenService,
    SignInService,
    SecondFactorService,
    ApiKeysModule,
    UsersModule,
    SecurityPolicyModule,
  ],
})
export class AuthModule {}
