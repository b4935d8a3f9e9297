import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { AuditPage } from '../../core/hub-types';
import { queryParams } from '../../shared/query-params';

export interface AuditFilter {
  action: string;
  actorId: string;
  targetId: string;
  outcome: '' | 'success' | 'failure';
  from: string;
  to: string;
}

/** `/api/v1/audit-logs` (admin): newest first, keyset pages. */
@Injectable({ providedIn: 'root' })
export class AuditApi {
  private readonly http = inject(HttpClient);

  list(f: AuditFilter, cursor: number | null, limit = 50): Observable<AuditPage> {
    return this.http.get<AuditPage>('/api/v1/audit-logs', { params: queryParams({ ...f, cursor, limit }) });
  }
}
