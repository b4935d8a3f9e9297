import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClockModule } from '../../common/auth/clock.js';
import { DatabaseModule } from '../../database/database.module.js';
import { User } from '../../users/user.entity.js';
import { AuthModule } from '../auth.module.js';
import { IdentitiesController } from '../identities/identities.controller.js';
import { IdentitiesService } from '../identities/identities.service.js';
import { UserEmailMatch } from '../identities/user-email-match.js';
import { UserIdentity } from '../identities/user-identity.entity.js';
import { SsoCallbackService } from './sso-callback.service.js';
import { SsoFlow } from './sso-flow.entity.js';
import { SsoStartLimiter } from './sso-start-limiter.js';
import { SsoFlowsService } from './sso-flows.service.js';
import { SsoProvidersModule } from './sso-providers.module.js';
import { SsoSignInService } from './sso-sign-in.service.js';
import { SsoStartService } from './sso-start.service.js';
import { SsoController } from './sso.controller.js';

/** Single sign-on: provider round trips, identities and their linking (docs/security.md). */
@Module({
  imports: [
    AuthModule,
    SsoProvidersModule,
    ClockModule,
    DatabaseModule,
    TypeOrmModule.forFeature([SsoFlow, UserIdentity, User]),
  ],
  controllers: [SsoController, IdentitiesController],
  providers: [
    SsoStartLimiter,
    SsoFlowsService,
    SsoStartService,
    SsoCallbackService,
    SsoSignInService,
    IdentitiesService,
    UserEmailMatch,
  ],
})
export class SsoModule {}
