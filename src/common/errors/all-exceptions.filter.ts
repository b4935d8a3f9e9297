import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  HttpStatus,
  Logger,
} from '@nestjs/common';
import type { Request, Response } from 'express';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  requestId?: string;
  /** A machine-readable reason, when the exception carries one (HubError's `code`). */
  code?: string;
  /** A machine-readable cause (e.g. `step_up_required`); its error object's other fields come along. */
  reason?: string;
}

/**
 * One filter for every HTTP error: known errors keep their status and message; anything else is
 * logged with the request id and answered as a plain 500 that leaks nothing.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<Request & { id?: string }>();
    const res = ctx.getResponse<Response>();
    const requestId = req.id === undefined ? undefined : String(req.id);
    const body = this.toBody(exception, requestId);
    if (body.statusCode >= 500) {
      this.logger.error(
        { err: exception, requestId, method: req.method, path: req.path },
        exception instanceof Error ? exception.message : 'unhandled error',
      );
    }
    if (res.headersSent) return;
    res.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown, requestId: string | undefined): ErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const response = exception.getResponse();
      const fromResponse = typeof response === 'object' ? (response as Partial<ErrorBody>) : undefined;
      return {
        ...(typeof fromResponse?.reason === 'string' && fromResponse),
        statusCode: status,
        error: fromResponse?.error ?? httpErrorName(status),
        message: fromResponse?.message ?? (typeof response === 'string' ? response : exception.message),
        requestId,
        ...(typeof fromResponse?.code === 'string' ? { code: fromResponse.code } : {}),
      };
    }
    const status = HttpStatus.INTERNAL_SERVER_ERROR;
    return { statusCode: status, error: httpErrorName(status), message: 'Internal server error', requestId };
  }
}

function httpErrorName(status: number): string {
  const name = (HttpStatus as unknown as Record<number, string>)[status];
  return name
    ? name
        .toLowerCase()
        .split('_')
        .map((w) => w[0]!.toUpperCase() + w.slice(1))
        .join(' ')
    : 'Error';
}
