import { inject } from '@angular/core';
import { type CanActivateChildFn, type CanActivateFn, Router } from '@angular/router';
import { AuthService } from './auth.service';

// inject() only works before the first await: take both services up front.

/** Signed out → the sign-in page, remembering where the user was going. */
export const signedInGuard: CanActivateChildFn = async (_route, state) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  if (await auth.ensureLoaded()) return true;
  return router.createUrlTree(['/sign-in'], { queryParams: { next: state.url } });
};

/** Administration is for admins; users land on the overview (the hub refuses them anyway). */
export const adminGuard: CanActivateFn = async () => {
  const auth = inject(AuthService);
  const router = inject(Router);
  const me = await auth.ensureLoaded();
  if (me?.user.role === 'admin') return true;
  return router.createUrlTree(['/'], { queryParams: { denied: 'admin' } });
};
