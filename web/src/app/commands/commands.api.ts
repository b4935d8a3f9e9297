import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  CommandRun,
  CommandRunDetail,
  CommandRunState,
  CreateCommandRunInput,
} from '@hivewatch/protocol';
import { queryParams } from '../shared/query-params';

export interface RunFilter {
  state: CommandRunState | '';
  serverId: string;
  taskId: string;
}

/** `/api/v1/commands` (admins; running and cancelling need a fresh proof of identity: step-up). */
@Injectable({ providedIn: 'root' })
export class CommandsApi {
  private readonly http = inject(HttpClient);

  run(body: CreateCommandRunInput): Observable<CommandRunDetail> {
    return this.http.post<CommandRunDetail>('/api/v1/commands', body);
  }
  list(filter: RunFilter, limit: number): Observable<CommandRun[]> {
    return this.http.get<CommandRun[]>('/api/v1/commands', { params: queryParams({ ...filter, limit }) });
  }
  get(id: string): Observable<CommandRunDetail> {
    return this.http.get<CommandRunDetail>(`/api/v1/commands/${encodeURIComponent(id)}`);
  }
  cancel(id: string): Observable<CommandRunDetail> {
    return this.http.post<CommandRunDetail>(`/api/v1/commands/${encodeURIComponent(id)}/cancel`, {});
  }
  /** The run live (text/event-stream, same-origin session cookie). */
  eventsUrl(id: string): string {
    return `/api/v1/commands/${encodeURIComponent(id)}/events`;
  }
}
