import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { AuthService } from './auth.service';
import { stepUpRequired } from './step-up.service';

const AUTH_CALLS = ['/auth/login', '/auth/login/second-factor', '/auth/me', '/auth/step-up'];

/**
 * A 401 on anything but the sign-in and step-up calls means the session ended: back to sign-in,
 * then back here. A 401 asking for step-up is the step-up interceptor's (the session is fine).
 */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return next(req).pipe(
    catchError((err: unknown) => {
      const authCall = AUTH_CALLS.some((path) => req.url.endsWith(path));
      if (err instanceof HttpErrorResponse && err.status === 401 && !authCall && !stepUpRequired(err)) {
        auth.forget();
        const here = router.url.startsWith('/sign-in') ? '/' : router.url;
        void router.navigate(['/sign-in'], { queryParams: { next: here } });
      }
      return throwError(() => err);
    }),
  );
};
