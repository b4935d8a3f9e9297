import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SessionsModule } from '../auth/sessions.module.js';
import { AdminBootstrap } from './admin-bootstrap.js';
import { InitialCredentialsBanner } from './initial-credentials-banner.js';
import { InitialCredentialsFile } from './initial-credentials-file.js';
import { UserAuthStateCache } from './user-auth-state.cache.js';
import { User } from './user.entity.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([User]), SessionsModule],
  controllers: [UsersController],
  providers: [
    UsersService,
    UserAuthStateCache,
    AdminBootstrap,
    InitialCredentialsBanner,
    InitialCredentialsFile,
  ],
  exports: [UsersService, InitialCredentialsBanner, InitialCredentialsFile],
})
export class UsersModule {}
