import { inject } from '@angular/core';
import { type CanActivateChildFn, type CanActivateFn, Router } from '@angular/router';
import { AuthService } from './auth.service';

// inject() only works before the first await: take both services up front.

/** Where a session that must enroll a second factor is kept until it has one. */
export const SECURITY_PAGE = '/account/security';

/**
 * Signed out → the sign-in page, remembering where the user was going. A session that an admin's
 * policy holds until it enrolls a second factor → the security page (the hub refuses the rest).
 */
export const signedInGuard: CanActivateChildFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const me = await auth.ensureLoaded();
  if (!me) return router.createUrlTree(['/sign-in'], { queryParams: { next: state.url } });
  if (me.mustEnrollSecondFactor && !state.url.startsWith(SECURITY_PAGE)) {
    return router.createUrlTree([SECURITY_PAGE]);
  }
  return true;
};

/** Administration is for admins; users land on the overview (the hub refuses them anyway). */
export const adminGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const me = await auth.ensureLoaded();
  if (me?.user.role === 'admin') return true;
  return router.createUrlTree(['/'], { queryParams: { denied: 'admin' } });
};
