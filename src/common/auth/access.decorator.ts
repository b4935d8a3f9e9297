import { SetMetadata } from '@nestjs/common';

/**
 * Who may call a route:
 * - `public`: anyone, no credentials (health, login);
 * - `authenticated`: any signed-in principal, even for a mutating method (logout, own password);
 * - `admin`: admin role with an admin-scoped credential.
 * Without the decorator, GET/HEAD routes are `authenticated` and every other method is `admin`,
 * so a new route is safe by default. A `read`-scoped credential never passes a mutating method.
 */
export type AccessLevel = 'public' | 'authenticated' | 'admin';
export const ACCESS_KEY = 'hivewatch:access';
export const Access = (level: AccessLevel) => SetMetadata(ACCESS_KEY, level);
