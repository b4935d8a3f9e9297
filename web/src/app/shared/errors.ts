import { HttpErrorResponse } from '@angular/common/http';
import type { HubError } from '../core/hub-types';
import { stepUpRequired } from '../core/step-up.service';

/** A sentence for the user from any failed request, with the hub's own message when it has one. */
export function errorMessage(err: unknown): string {
  if (!(err instanceof HttpErrorResponse)) return 'Something went wrong.';
  if (err.status === 0) return 'The hub cannot be reached.';
  // the step-up dialog was cancelled: the hub's message names an API route, not what happened
  if (stepUpRequired(err)) return 'Not done: this action needs you to confirm it is you.';
  const body = err.error as Partial<HubError> | null;
  const message = Array.isArray(body?.message) ? body.message.join('; ') : body?.message;
  return message ? String(message) : `Request failed (${err.status}).`;
}

/** The agent-relayed routes answer 409 offline/unsupported, 502 refused/error, 504 timeout. */
export function agentErrorMessage(err: unknown): string {
  if (err instanceof HttpErrorResponse) {
    const detail = errorMessage(err);
    if (err.status === 409) return `The agent is offline or does not support this: ${detail}`;
    if (err.status === 502) return `The agent refused or failed: ${detail}`;
    if (err.status === 504)
      return 'The agent did not answer in time. It may be busy or its connection is poor.';
  }
  return errorMessage(err);
}
