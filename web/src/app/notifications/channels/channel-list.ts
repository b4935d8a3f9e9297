import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import type { Channel, ChannelTestResult } from '../../core/hub-types';
import { ToastService } from '../../core/toast.service';
import { AdminTable, type RowRemoval } from '../../shared/admin-table/admin-table';
import { RowTemplate } from '../../shared/admin-table/row-templates';
import { errorMessage } from '../../shared/errors';
import { resourceList } from '../../shared/list/list-source';
import { injectRunAction } from '../../shared/list/run-action';
import { NotificationsApi } from '../notifications.api';
import { channelTarget, testOutcome } from './channel-summary';

/** Notification channels (admins only: the hub does not show them to users). */
@Component({
  selector: 'hw-channel-list',
  imports: [RouterLink, AdminTable, RowTemplate],
  template: `
    <div class="toolbar">
      <h2>Channels</h2>
      <a class="button primary" routerLink="new" data-testid="new-channel">New channel</a>
    </div>
    <hw-admin-table
      [source]="list"
      label="Notification channels"
      [columns]="columns"
      emptyText="No channels yet. Add a webhook, Telegram, Bark or e-mail channel."
      [rowAttribute]="rowAttribute"
      [removal]="removal"
      (removed)="remove($event)"
    >
      <ng-template hwRow="cells" [hwRowOf]="list" let-c>
        <td>{{ c.name }}</td>
        <td>{{ c.type }}</td>
        <td class="break">{{ target(c) }}</td>
        <td>
          @for (s of c.secretsSet; track s) {
            <span class="tag">{{ s }}: set</span>
          } @empty {
            <span class="muted">none</span>
          }
        </td>
        <td>
          {{ c.enabled ? 'enabled' : 'disabled' }}
          @if (tests()[c.id]; as t) {
            <div class="small" [class.error]="!t.ok" data-testid="test-outcome" role="status">
              {{ t.text }}
            </div>
          }
        </td>
      </ng-template>
      <ng-template hwRow="actions" [hwRowOf]="list" let-c>
        <button type="button" (click)="test(c)" [disabled]="testing() === c.id">
          {{ testing() === c.id ? 'Sending…' : 'Send test' }}
        </button>
        <a class="button" [routerLink]="[c.id]">Edit</a>
      </ng-template>
    </hw-admin-table>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChannelList {
  private readonly api = inject(NotificationsApi);
  private readonly toasts = inject(ToastService);
  private readonly run = injectRunAction();
  protected readonly list = resourceList(rxResource({ stream: () => this.api.channels() }));
  protected readonly testing = signal<string | null>(null);
  /** The last "send test" outcome per channel id. */
  protected readonly tests = signal<Record<string, { ok: boolean; text: string }>>({});
  protected readonly target = channelTarget;
  protected readonly columns = ['Name', 'Type', 'Sends to', 'Secrets', 'State'];
  protected readonly rowAttribute = ['data-channel', (c: Channel) => c.name] as const;
  protected readonly removal: RowRemoval<Channel> = {
    title: (c) => `Delete channel ${c.name}?`,
    message: 'It leaves every notification group; queued notifications to it are dropped.',
  };

  protected async test(c: Channel): Promise<void> {
    this.testing.set(c.id);
    try {
      const result: ChannelTestResult = await firstValueFrom(this.api.testChannel(c.id));
      const outcome = testOutcome(result);
      this.tests.update((t) => ({ ...t, [c.id]: outcome }));
      if (outcome.ok) this.toasts.success(`${c.name}: ${outcome.text}`);
      else this.toasts.error(`${c.name}: ${outcome.text}`);
    } catch (e) {
      this.toasts.error(errorMessage(e));
    } finally {
      this.testing.set(null);
    }
  }

  protected async remove(c: Channel): Promise<void> {
    await this.run(this.api.removeChannel(c.id), `Channel ${c.name} deleted.`, () => this.list.reload());
  }
}
