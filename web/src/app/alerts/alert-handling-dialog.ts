import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { ACK_COMMENT_MAX, SNOOZE_MAX_MINUTES } from '@hivewatch/protocol';
import type { ActiveAlert } from '../core/hub-types';
import { Modal, modalId } from '../shared/modal';

export type HandlingChoice =
  | { kind: 'acknowledge'; comment: string }
  | { kind: 'snooze'; body: { minutes: number } | { until: string } };

/** The snooze lengths offered; "until" takes any time up to 30 days ahead. */
export const SNOOZE_CHOICES: readonly { label: string; minutes: number }[] = [
  { label: '1 hour', minutes: 60 },
  { label: '4 hours', minutes: 240 },
  { label: '1 day', minutes: 1440 },
  { label: '1 week', minutes: 10_080 },
];

/** `datetime-local` value (local time, minutes) of an epoch time. */
function localInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * 60_000);
  return d.toISOString().slice(0, 16);
}

/** Asks for an acknowledgement's comment, or a snooze's length. */
@Component({
  selector: 'hw-alert-handling-dialog',
  imports: [FormsModule, Modal],
  template: `
    <hw-modal [labelledBy]="titleId" (dismissed)="cancelled.emit()">
      <form (ngSubmit)="submit()">
        <h2 [id]="titleId">
          {{ mode() === 'acknowledge' ? 'Acknowledge' : 'Snooze' }} “{{ alert().ruleName }}” on
          {{ alert().serverName }}
        </h2>
        @if (mode() === 'acknowledge') {
          <p class="muted small">No repeat notification is sent until the alert resolves.</p>
          <label class="wide">
            Comment (optional)
            <textarea
              name="comment"
              rows="3"
              [maxLength]="commentMax"
              [(ngModel)]="comment"
              cdkFocusInitial
            ></textarea>
          </label>
          <div class="muted small">{{ comment.length }} / {{ commentMax }}</div>
        } @else {
          <p class="muted small">No notification is sent before the snooze ends.</p>
          <label class="wide">
            For
            <select name="length" [(ngModel)]="length" cdkFocusInitial>
              @for (c of choices; track c.minutes) {
                <option [ngValue]="c.minutes">{{ c.label }}</option>
              }
              <option [ngValue]="0">until a time…</option>
            </select>
          </label>
          @if (length === 0) {
            <label class="wide">
              Until (at most 30 days ahead)
              <input
                name="until"
                type="datetime-local"
                required
                [min]="minUntil"
                [max]="maxUntil"
                [(ngModel)]="until"
              />
            </label>
            @if (untilError()) {
              <p class="error small" role="alert">{{ untilError() }}</p>
            }
          }
        }
        <div class="actions">
          <button type="button" (click)="cancelled.emit()">Cancel</button>
          <button type="submit" class="primary" data-testid="confirm-handling">
            {{ mode() === 'acknowledge' ? 'Acknowledge' : 'Snooze' }}
          </button>
        </div>
      </form>
    </hw-modal>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AlertHandlingDialog {
  readonly mode = input.required<'acknowledge' | 'snooze'>();
  readonly alert = input.required<ActiveAlert>();
  readonly chosen = output<HandlingChoice>();
  readonly cancelled = output<void>();
  protected readonly titleId = modalId('alert-handling-title');
  protected readonly choices = SNOOZE_CHOICES;
  protected readonly commentMax = ACK_COMMENT_MAX;
  protected readonly minUntil = localInput(Date.now());
  protected readonly maxUntil = localInput(Date.now() + SNOOZE_MAX_MINUTES * 60_000);
  protected comment = '';
  protected length = 60;
  protected until = '';
  protected readonly untilError = signal<string | null>(null);

  protected submit(): void {
    if (this.mode() === 'acknowledge') {
      this.chosen.emit({ kind: 'acknowledge', comment: this.comment.trim() });
      return;
    }
    if (this.length !== 0) {
      this.chosen.emit({ kind: 'snooze', body: { minutes: this.length } });
      return;
    }
    const error = this.checkUntil();
    this.untilError.set(error);
    if (error === null)
      this.chosen.emit({ kind: 'snooze', body: { until: new Date(this.until).toISOString() } });
  }

  private checkUntil(): string | null {
    const at = new Date(this.until).getTime();
    if (!Number.isFinite(at)) return 'Pick a date and time.';
    if (at <= Date.now()) return 'Pick a time in the future.';
    if (at > Date.now() + SNOOZE_MAX_MINUTES * 60_000) return 'A snooze lasts 30 days at most.';
    return null;
  }
}
