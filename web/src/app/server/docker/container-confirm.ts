import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import type { DockerAction } from '@hivewatch/protocol';
import { Modal, modalId } from '../../shared/modal';
import { ACTION_TEXT } from './container-actions';

/** Confirms one container action; removing also asks for the container's name, typed. */
@Component({
  selector: 'hw-container-confirm',
  imports: [Modal],
  template: `
    <hw-modal
      dialogRole="alertdialog"
      [labelledBy]="titleId"
      [describedBy]="textId"
      (dismissed)="cancelled.emit()"
    >
      <form (submit)="submit($event)" data-testid="container-confirm">
        <h2 [id]="titleId">{{ label() }} {{ name() }}?</h2>
        <p [id]="textId">{{ label() }} {{ warning() }}</p>
        @if (typed()) {
          <label>
            <span
              >Type <strong>{{ name() }}</strong> to confirm</span
            >
            <input
              name="confirm-name"
              autocomplete="off"
              spellcheck="false"
              [value]="entered()"
              (input)="entered.set(value($event))"
              data-testid="confirm-name"
            />
          </label>
        }
        <div class="actions">
          <button type="button" (click)="cancelled.emit()">Cancel</button>
          <button
            type="submit"
            [class.danger]="typed()"
            [class.primary]="!typed()"
            [disabled]="typed() && entered() !== name()"
            data-testid="confirm"
          >
            {{ label() }}
          </button>
        </div>
      </form>
    </hw-modal>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ContainerConfirm {
  readonly action = input.required<DockerAction>();
  readonly name = input.required<string>();
  readonly confirmed = output<void>();
  readonly cancelled = output<void>();
  protected readonly titleId = modalId('container-confirm-title');
  protected readonly textId = modalId('container-confirm-text');
  protected readonly entered = signal('');
  protected readonly typed = computed(() => this.action() === 'remove');
  protected readonly label = computed(() => ACTION_TEXT[this.action()].label);
  protected readonly warning = computed(() => ACTION_TEXT[this.action()].warning);

  protected value(e: Event): string {
    return (e.target as HTMLInputElement).value;
  }

  protected submit(e: Event): void {
    e.preventDefault();
    if (this.typed() && this.entered() !== this.name()) return;
    this.confirmed.emit();
  }
}
