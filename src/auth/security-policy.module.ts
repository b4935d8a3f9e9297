import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClockModule } from '../common/auth/clock.js';
import { DatabaseModule } from '../database/database.module.js';
import { AuthSettingsService } from './auth-settings.service.js';
import { Session } from './session.entity.js';
import { StepUpService } from './step-up/step-up.service.js';

/** Sign-in policy and step-up, shared by local sign-in, the second factor and single sign-on. */
@Module({
  imports: [ClockModule, DatabaseModule, TypeOrmModule.forFeature([Session])],
  providers: [AuthSettingsService, StepUpService],
  exports: [AuthSettingsService, StepUpService],
})
export class SecurityPolicyModule {}
