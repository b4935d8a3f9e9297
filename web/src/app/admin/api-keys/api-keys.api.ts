import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { ApiKey, CreateApiKeyBody, NewApiKey } from '../../core/hub-types';

/** `/api/v1/api-keys`: your own keys (`all=true` lists everyone's, admin). */
@Injectable({ providedIn: 'root' })
export class ApiKeysApi {
  private readonly http = inject(HttpClient);

  list(all: boolean): Observable<ApiKey[]> {
    return this.http.get<ApiKey[]>('/api/v1/api-keys', { params: new HttpParams().set('all', all) });
  }
  create(body: CreateApiKeyBody): Observable<NewApiKey> {
    return this.http.post<NewApiKey>('/api/v1/api-keys', body);
  }
  revoke(id: string): Observable<unknown> {
    return this.http.delete(`/api/v1/api-keys/${id}`);
  }
}
