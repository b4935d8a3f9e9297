import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormsModule } from '@angular/forms';
import { dateTime } from '../../shared/format';
import { PagedList } from '../../shared/list/list-source';
import { ListView } from '../../shared/list/list-view';
import { AuditApi, type AuditFilter } from './audit.api';

@Component({
  selector: 'hw-admin-audit',
  imports: [FormsModule, ListView],
  template: `
    <div class="toolbar"><h2>Audit log</h2></div>
    <form class="card form-grid" (ngSubmit)="list.reload()" aria-label="Audit filters">
      <label>Action <input name="action" placeholder="auth.login" [(ngModel)]="filter.action" /></label>
      <label>Actor id <input name="actorId" [(ngModel)]="filter.actorId" /></label>
      <label>Target id <input name="targetId" [(ngModel)]="filter.targetId" /></label>
      <label>
        Outcome
        <select name="outcome" [(ngModel)]="filter.outcome">
          <option value="">any</option>
          <option value="success">success</option>
          <option value="failure">failure</option>
        </select>
      </label>
      <label>From <input name="from" type="datetime-local" [(ngModel)]="filter.from" /></label>
      <label>To <input name="to" type="datetime-local" [(ngModel)]="filter.to" /></label>
      <button type="submit" class="primary">Apply</button>
    </form>
    <hw-list-view [source]="list" emptyText="No entries match.">
      <table class="grid" aria-label="Audit log">
        <thead>
          <tr>
            <th>Time</th>
            <th>Actor</th>
            <th>Action</th>
            <th>Target</th>
            <th>Outcome</th>
            <th>Address</th>
          </tr>
        </thead>
        <tbody>
          @for (r of list.items(); track r.id) {
            <tr>
              <td>{{ dateTime(r.createdAt) }}</td>
              <td>{{ r.actorName ?? r.actorType }}</td>
              <td>
                <code>{{ r.action }}</code>
              </td>
              <td>{{ r.targetType ?? '' }} {{ r.targetId ?? '' }}</td>
              <td>
                <span class="badge" [class.on]="r.outcome === 'success'">{{ r.outcome }}</span>
              </td>
              <td>{{ r.ip ?? '—' }}</td>
            </tr>
          }
        </tbody>
      </table>
    </hw-list-view>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminAudit {
  private readonly api = inject(AuditApi);
  protected readonly dateTime = dateTime;
  protected filter: AuditFilter = { action: '', actorId: '', targetId: '', outcome: '', from: '', to: '' };
  protected readonly list = new PagedList((cursor: number | null) => this.api.list(this.filter, cursor));

  constructor() {
    this.list.reload();
  }
}
