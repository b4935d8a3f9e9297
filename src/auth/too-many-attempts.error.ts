import { HttpException, HttpStatus } from '@nestjs/common';

/** 429 for sign-in attempts over the limit; RetryAfterInterceptor turns `retryAfterSeconds` into the header. */
export class TooManyAttemptsError extends HttpException {
  readonly retryAfterSeconds: number;

  constructor(retryAfterMs: number, now: number) {
    const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
    const at = new Date(now + seconds * 1000).toISOString();
    super(
      {
        statusCode: HttpStatus.TOO_MANY_REQUESTS,
        error: 'Too Many Requests',
        message: `Too many failed sign-in attempts; try again in ${seconds} seconds (after ${at})`,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
    this.retryAfterSeconds = seconds;
  }
}
