import { Module } from '@nestjs/common';
import { SecretBox } from './secret-box.js';

/**
 * The one SecretBox of the hub. Notifications, sign-in (TOTP) and SSO import this module rather
 * than providing their own: one instance derives each key once, and two instances can never race
 * to create the stored random key on a first start.
 */
@Module({ providers: [SecretBox], exports: [SecretBox] })
export class SecretBoxModule {}
