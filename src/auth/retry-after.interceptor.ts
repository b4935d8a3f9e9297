import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { Response } from 'express';
import { catchError, type Observable, throwError } from 'rxjs';

/**
 * Adds `Retry-After` (seconds) to the 429 of a rate-limited route before the error filter answers:
 * any error carrying `retryAfterSeconds` (TooManyAttemptsError, the SSO start limits).
 */
@Injectable()
export class RetryAfterInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(
      catchError((err: unknown) => {
        const seconds = (err as { retryAfterSeconds?: unknown } | null)?.retryAfterSeconds;
        if (typeof seconds === 'number') {
          ctx.switchToHttp().getResponse<Response>().setHeader('Retry-After', String(seconds));
        }
        return throwError(() => err);
      }),
    );
  }
}
