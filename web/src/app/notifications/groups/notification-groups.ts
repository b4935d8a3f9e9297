import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { forkJoin, of } from 'rxjs';
import { AuthService } from '../../core/auth.service';
import type { NotificationGroup } from '../../core/hub-types';
import { ToastService } from '../../core/toast.service';
import { ConfirmButton } from '../../shared/confirm-button';
import { FieldError } from '../../shared/field-error';
import { DraftForm } from '../../shared/form/draft-form';
import { resourceList } from '../../shared/list/list-source';
import { ListView } from '../../shared/list/list-view';
import { namesById, orEmpty } from '../../shared/list/lookup';
import { injectRunAction } from '../../shared/list/run-action';
import { SilenceFields } from '../../shared/silence-fields';
import { NotificationsApi } from '../notifications.api';
import { type GroupDraft, groupBody, groupDraft, newGroupDraft, validateGroup } from './group-draft';

/** Notification groups: the channels an alert rule notifies, with an optional silence window. */
@Component({
  selector: 'hw-notification-groups',
  imports: [FormsModule, ListView, ConfirmButton, FieldError, SilenceFields],
  templateUrl: './notification-groups.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotificationGroups {
  private readonly api = inject(NotificationsApi);
  private readonly toasts = inject(ToastService);
  private readonly run = injectRunAction();
  protected readonly auth = inject(AuthService);
  /**
   * Groups with the channels they name, read together (no row shows before its channel names).
   * Channels are admin-only in the hub: users see counts instead of names.
   */
  private readonly groups = rxResource({
    stream: () =>
      forkJoin({
        groups: this.api.groups(),
        channels: this.auth.canAdminister() ? orEmpty(this.api.channels()) : of([]),
      }),
  });
  protected readonly list = resourceList(this.groups, (v) => v.groups);
  protected readonly channels = computed(() => (this.groups.hasValue() ? this.groups.value().channels : []));
  protected readonly channelName = namesById(this.channels);
  protected readonly hasChannels = computed(() => this.channels().length > 0);

  /** The group being edited (null: the form adds a new one; undefined: the form is closed). */
  protected readonly editing = signal<NotificationGroup | null | undefined>(undefined);
  protected form = new DraftForm<GroupDraft>(newGroupDraft(), validateGroup);

  protected get draft(): GroupDraft {
    return this.form.draft;
  }

  protected open(g: NotificationGroup | null): void {
    this.form = new DraftForm<GroupDraft>(g ? groupDraft(g) : newGroupDraft(), validateGroup);
    this.editing.set(g);
  }

  protected channelsOf(g: NotificationGroup): string {
    if (!this.auth.canAdminister()) return `${g.channelIds.length} channel(s)`;
    const names = this.channelName();
    return g.channelIds.map((id) => names.get(id) ?? 'deleted channel').join(', ') || 'none';
  }

  protected async save(): Promise<void> {
    const g = this.editing();
    const saved = await this.form.submit((d) =>
      g ? this.api.updateGroup(g.id, groupBody(d)) : this.api.createGroup(groupBody(d)),
    );
    if (!saved) return;
    this.toasts.success(`Group ${this.draft.name.trim()} saved.`);
    this.editing.set(undefined);
    this.list.reload();
  }

  protected async remove(g: NotificationGroup): Promise<void> {
    await this.run(this.api.removeGroup(g.id), `Group ${g.name} deleted.`, () => this.list.reload());
  }
}
