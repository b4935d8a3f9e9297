import type { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { catchError, from, switchMap, throwError } from 'rxjs';
import { StepUpService, stepUpRequired } from './step-up.service';

/**
 * A 401 `step_up_required` opens the step-up dialog; once the user proves who they are, the
 * original request is sent again, once. Cancelled: the caller gets the original error.
 */
export const stepUpInterceptor: HttpInterceptorFn = (req, next) => {
  const stepUp = inject(StepUpService);
  return next(req).pipe(
    catchError((err: unknown) => {
      const required = stepUpRequired(err);
      if (!required || req.url.endsWith('/auth/step-up')) return throwError(() => err);
      return from(stepUp.ask(required)).pipe(
        switchMap((proven) => (proven ? next(req) : throwError(() => err))),
      );
    }),
  );
};
