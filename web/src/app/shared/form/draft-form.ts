import { type ResourceRef, effect, signal, untracked } from '@angular/core';
import { type Observable, firstValueFrom } from 'rxjs';
import { errorMessage } from '../errors';

export type FieldErrors = Record<string, string>;

/**
 * The state of an editor form over a plain draft object (bound with ngModel): validation messages
 * keyed by field, shown from the first save attempt on and then following every edit; the hub's
 * refusal as one message; a busy flag while saving.
 */
export class DraftForm<D> {
  draft: D;
  readonly ready = signal(false);
  readonly errors = signal<FieldErrors>({});
  readonly busy = signal(false);
  readonly formError = signal<string | null>(null);
  private submitted = false;

  constructor(
    initial: D,
    private readonly validate: (draft: D) => FieldErrors,
  ) {
    this.draft = initial;
  }

  /** Starts editing a loaded record's draft. */
  edit(draft: D): void {
    this.draft = draft;
    this.ready.set(true);
  }

  revalidate(): void {
    if (this.submitted) this.errors.set(this.validate(this.draft));
  }

  hasErrors(): boolean {
    return Object.keys(this.errors()).length > 0;
  }

  /** Validates; a clean draft is sent. True when the hub took it (otherwise its message is shown). */
  async submit(send: (draft: D) => Observable<unknown>): Promise<boolean> {
    this.submitted = true;
    this.formError.set(null);
    this.errors.set(this.validate(this.draft));
    if (this.hasErrors()) return false;
    this.busy.set(true);
    try {
      await firstValueFrom(send(this.draft));
      return true;
    } catch (e) {
      this.formError.set(errorMessage(e));
      return false;
    } finally {
      this.busy.set(false);
    }
  }
}

/**
 * In an injection context: a new record's form is ready at once; an existing one's once the record
 * is loaded (its draft is taken once, so a reload does not undo edits).
 */
export function editRecord<D, R>(
  form: DraftForm<D>,
  id: () => string | undefined,
  record: ResourceRef<R | undefined>,
  toDraft: (record: R) => D,
): void {
  effect(() => {
    if (id() === undefined) form.ready.set(true);
    else if (record.hasValue() && !untracked(form.ready)) {
      const value = record.value();
      if (value !== undefined) untracked(() => form.edit(toDraft(value)));
    }
  });
}
