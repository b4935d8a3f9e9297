import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AgentInstallInfo } from '@hivewatch/protocol';
import type { Observable } from 'rxjs';
import type { CreateEnrollmentKeyBody, CreatedEnrollmentKey, EnrollmentKey } from '../../core/hub-types';

/** `/api/v1/enrollment-keys` (admin). */
@Injectable({ providedIn: 'root' })
export class EnrollmentKeysApi {
  private readonly http = inject(HttpClient);

  list(): Observable<EnrollmentKey[]> {
    return this.http.get<EnrollmentKey[]>('/api/v1/enrollment-keys');
  }
  create(body: CreateEnrollmentKeyBody): Observable<CreatedEnrollmentKey> {
    return this.http.post<CreatedEnrollmentKey>('/api/v1/enrollment-keys', body);
  }
  /** The hub's address as hosts reach it (its public URL when configured), for the install commands. */
  installInfo(): Observable<AgentInstallInfo> {
    return this.http.get<AgentInstallInfo>('/api/v1/agent/install-info');
  }
  revoke(id: string): Observable<EnrollmentKey> {
    return this.http.post<EnrollmentKey>(`/api/v1/enrollment-keys/${id}/revoke`, {});
  }
}
