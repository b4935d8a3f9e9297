import { inject } from '@angular/core';
import { type Observable, firstValueFrom } from 'rxjs';
import { ToastService } from '../../core/toast.service';
import { errorMessage } from '../errors';

/**
 * Runs one change against the hub: a toast says how it went, `after` runs either way (usually a
 * list reload, so the screen shows what the hub now holds). Resolves to the answer, or undefined
 * when the hub refused.
 */
export type RunAction = <R>(
  call: Observable<R>,
  success: string | ((result: R) => string),
  after?: () => void,
) => Promise<R | undefined>;

/** Call in an injection context (a field initializer). */
export function injectRunAction(): RunAction {
  const toasts = inject(ToastService);
  return async <R>(call: Observable<R>, success: string | ((result: R) => string), after?: () => void) => {
    try {
      const result = await firstValueFrom(call);
      toasts.success(typeof success === 'string' ? success : success(result));
      return result;
    } catch (e) {
      toasts.error(errorMessage(e));
      return undefined;
    } finally {
      after?.();
    }
  };
}
