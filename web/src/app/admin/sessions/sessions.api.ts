import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { TerminalSessionView } from '@hivewatch/protocol';
import type { Observable } from 'rxjs';
import { queryParams } from '../../shared/query-params';

export interface SessionFilter {
  serverId: string;
  userId: string;
}

const BASE = '/api/v1/terminal/sessions';

/** Administration → Sessions: `/api/v1/terminal/sessions` (libs/protocol api/terminal-sessions.ts). */
@Injectable({ providedIn: 'root' })
export class SessionsApi {
  private readonly http = inject(HttpClient);

  list(live: boolean, filter: SessionFilter, limit = 200): Observable<TerminalSessionView[]> {
    const params = queryParams({ live: String(live), limit, ...filter });
    return this.http.get<TerminalSessionView[]>(BASE, { params });
  }

  /** Ends a live session (step-up: the interceptor asks and retries). */
  end(id: string): Observable<unknown> {
    return this.http.delete(`${BASE}/${encodeURIComponent(id)}`);
  }

  recording(id: string): Observable<string> {
    return this.http.get(recordingUrl(id), { responseType: 'text' });
  }
}

export function recordingUrl(id: string): string {
  return `${BASE}/${encodeURIComponent(id)}/recording`;
}
