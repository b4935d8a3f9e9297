import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { AuthService } from './auth.service';

/** A 401 on anything but the sign-in calls means the session ended: back to sign-in, then back here. */
export const authInterceptor: HttpInterceptorFn = (req, next) => {
  const auth = inject(AuthService);
  const router = inject(Router);
  return next(req).pipe(
    catchError((err: unknown) => {
      const authCall = req.url.endsWith('/auth/login') || req.url.endsWith('/auth/me');
      if (err instanceof HttpErrorResponse && err.status === 401 && !authCall) {
        auth.forget();
        const here = router.url.startsWith('/sign-in') ? '/' : router.url;
        void router.navigate(['/sign-in'], { queryParams: { next: here } });
      }
      return throwError(() => err);
    }),
  );
};
