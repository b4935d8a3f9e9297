import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { ToastService } from '../../core/toast.service';
import { errorMessage } from '../../shared/errors';
import { FieldError } from '../../shared/field-error';
import { DraftForm, editRecord } from '../../shared/form/draft-form';
import { EditorFrame } from '../../shared/form/editor-frame';
import { NotificationsApi } from '../notifications.api';
import {
  type ChannelDraft,
  channelDraft,
  createChannelBody,
  isSecretSet,
  newChannelDraft,
  updateChannelBody,
  validateChannel,
} from './channel-draft';
import { isServiceType, SERVICE_FORMS, type ServiceForm, type ServiceType } from './service-channel';
import { EXAMPLE_TEMPLATE, TEMPLATE_VARIABLES } from './template-variables';

/**
 * Creates (`/notifications/channels/new`) or edits (`…/:id`) a channel. Secret fields are
 * write-only: a stored secret shows as "set", and an empty field keeps it.
 */
@Component({
  selector: 'hw-channel-editor',
  imports: [FormsModule, RouterLink, EditorFrame, FieldError],
  templateUrl: './channel-editor.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChannelEditor {
  private readonly api = inject(NotificationsApi);
  private readonly toasts = inject(ToastService);
  private readonly router = inject(Router);
  readonly id = input<string>();

  protected readonly existing = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.api.channel(params),
  });
  protected readonly form = new DraftForm<ChannelDraft>(newChannelDraft(), validateChannel);
  protected readonly variables = TEMPLATE_VARIABLES;
  protected readonly example = EXAMPLE_TEMPLATE;
  protected readonly serviceTypes = (Object.keys(SERVICE_FORMS) as ServiceType[]).map((type) => ({
    type,
    label: SERVICE_FORMS[type].label,
  }));

  constructor() {
    editRecord(this.form, this.id, this.existing, channelDraft);
  }

  protected get draft(): ChannelDraft {
    return this.form.draft;
  }

  protected loadError(): string | null {
    return this.existing.error() ? errorMessage(this.existing.error()) : null;
  }

  /** `{{name}}`, as a template writes it (not parsed by Angular's own interpolation). */
  protected token(name: string): string {
    return `{{${name}}}`;
  }

  /** The form of a chat, push or paging service; null for the other types. */
  protected service(): ServiceForm | null {
    return isServiceType(this.draft.type) ? SERVICE_FORMS[this.draft.type] : null;
  }

  protected isSet(name: string): boolean {
    return isSecretSet(this.draft, name);
  }

  /** Placeholder of a secret field: says whether the hub holds a value, never what it is. */
  protected secretHint(name: string): string {
    return this.isSet(name) ? 'set — type to replace' : '';
  }

  protected addHeader(): void {
    this.draft.headers.push({ name: '', value: '', stored: false, remove: false });
    this.form.revalidate();
  }

  protected dropHeader(index: number): void {
    const h = this.draft.headers[index];
    if (h?.stored) h.remove = !h.remove;
    else this.draft.headers.splice(index, 1);
    this.form.revalidate();
  }

  protected useExample(): void {
    this.draft.bodyTemplate = this.example;
    this.form.revalidate();
  }

  protected async save(): Promise<void> {
    const id = this.id();
    const saved = await this.form.submit((d) =>
      id ? this.api.updateChannel(id, updateChannelBody(d)) : this.api.createChannel(createChannelBody(d)),
    );
    if (!saved) return;
    this.toasts.success(`Channel ${this.draft.name.trim()} saved.`);
    await this.router.navigate(['/notifications/channels']);
  }
}
