import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject, signal } from '@angular/core';
import type { STEP_UP_REQUIRED, StepUpInput, StepUpRequired, StepUpResult } from '@hivewatch/protocol';
import { firstValueFrom } from 'rxjs';

/** The protocol's STEP_UP_REQUIRED, typed against it: a value import would pull zod into the first page. */
const STEP_UP: typeof STEP_UP_REQUIRED = 'step_up_required';

/** The 401 body that a fresh proof of identity turns into success, or null for any other error. */
export function stepUpRequired(err: unknown): StepUpRequired | null {
  if (!(err instanceof HttpErrorResponse) || err.status !== 401) return null;
  const body = err.error as Partial<StepUpRequired> | null;
  if (body?.reason !== STEP_UP) return null;
  return {
    statusCode: 401,
    message: typeof body.message === 'string' ? body.message : '',
    reason: STEP_UP,
    methods: Array.isArray(body.methods) ? body.methods.filter((m) => typeof m === 'string') : [],
    maxAgeSeconds: typeof body.maxAgeSeconds === 'number' ? body.maxAgeSeconds : 300,
  };
}

/**
 * Asks the user for a fresh proof of identity (the step-up dialog in the app shell shows `pending`).
 * Requests that need it at the same time share one dialog; `ask` resolves true once proven.
 */
@Injectable({ providedIn: 'root' })
export class StepUpService {
  private readonly http = inject(HttpClient);
  private readonly state = signal<StepUpRequired | null>(null);
  readonly pending = this.state.asReadonly();
  private answer: Promise<boolean> | null = null;
  private settle: ((proven: boolean) => void) | null = null;

  ask(required: StepUpRequired): Promise<boolean> {
    if (this.answer) return this.answer;
    this.answer = new Promise<boolean>((resolve) => (this.settle = resolve));
    this.state.set(required);
    return this.answer;
  }

  /** `POST /auth/step-up`: rejects with the hub's error (a wrong code stays in the dialog). */
  prove(input: StepUpInput): Promise<StepUpResult> {
    return firstValueFrom(this.http.post<StepUpResult>('/api/v1/auth/step-up', input));
  }

  /** The dialog closes: proven (the requests are retried) or cancelled (they fail as before). */
  finish(proven: boolean): void {
    const settle = this.settle;
    this.answer = null;
    this.settle = null;
    this.state.set(null);
    settle?.(proven);
  }
}
