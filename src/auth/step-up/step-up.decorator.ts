import { SetMetadata } from '@nestjs/common';
import type { Request } from 'express';

export const STEP_UP_KEY = 'hivewatch:step-up';

export interface StepUpOptions {
  /**
   * Only when this holds for the request (its raw JSON body: guards run before validation), e.g.
   * creating an API key needs step-up for the `admin` and `ops` scopes only.
   */
  when?: (req: Request) => boolean;
}

/**
 * A dangerous action: a session needs a proof of identity younger than the step-up window (else
 * 401 `step_up_required`), an API key needs the `ops` scope, an access token never passes. Checked
 * by the global guard after the route's access level (see StepUpGuard).
 */
export const StepUp = (options: StepUpOptions = {}) => SetMetadata(STEP_UP_KEY, options);

/** The raw JSON body field `name` of a request, when the body is an object. */
export function bodyField(req: Request, name: string): unknown {
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}
