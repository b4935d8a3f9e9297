import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { TerminalTicketResponse } from '@hivewatch/protocol';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class TerminalApi {
  private readonly http = inject(HttpClient);

  /** A single-use ticket (step-up first: the step-up interceptor asks and retries). */
  ticket(serverId: string): Observable<TerminalTicketResponse> {
    return this.http.post<TerminalTicketResponse>(
      `/api/v1/servers/${encodeURIComponent(serverId)}/terminal/tickets`,
      {},
    );
  }
}

/** Same origin, ws: or wss:; the ticket goes in the first frame, never here. */
export function terminalSocketUrl(origin = location.origin): string {
  return `${origin.replace(/^http/, 'ws')}/api/v1/ws/terminal`;
}
