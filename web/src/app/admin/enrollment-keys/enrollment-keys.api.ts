import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
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
  revoke(id: string): Observable<EnrollmentKey> {
    return this.http.post<EnrollmentKey>(`/api/v1/enrollment-keys/${id}/revoke`, {});
  }
}
