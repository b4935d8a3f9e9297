import { SetMetadata } from '@nestjs/common';

/**
 * Who may call a route:
 * - `public`: anyone, no credentials (health, login);
 * - `authenticated`: any signed-in principal, even for a mutating method (logout, own password);
 * - `admin`: admin role with an admin-scoped credential;
 * - `session`: a signed-in console session only, never an API key or access token (the second
 *   factor belongs to a person at a console).
 * Without the decorator, GET/HEAD routes are `authenticated` and every other method is `admin`,
 * so a new route is safe by default. A `read`-scoped credential never passes a mutating method.
 */
export type AccessLevel = 'public' | 'authenticated' | 'admin' | 'session';
export const ACCESS_KEY = 'hivewatch:access';
export const Access = (level: AccessLevel) => SetMetadata(ACCESS_KEY, level);

/**
 * Routes a session may still call while it must enroll a second factor (an admin made one
 * mandatory): who am I, sign out, the security overview and the TOTP enrollment itself.
 */
export const ALLOWED_BEFORE_ENROLLMENT_KEY = 'hivewatch:allowed-before-enrollment';
export const AllowedBeforeEnrollment = () => SetMetadata(ALLOWED_BEFORE_ENROLLMENT_KEY, true);
