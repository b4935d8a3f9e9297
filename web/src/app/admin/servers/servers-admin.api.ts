import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type {
  CreateServerInput,
  Server,
  ServerList,
  ServerWithToken,
  UpdateServerInput,
} from '../../core/hub-types';

/** `/api/v1/servers`: the inventory and its agent tokens. */
@Injectable({ providedIn: 'root' })
export class ServersAdminApi {
  private readonly http = inject(HttpClient);

  list(offset = 0, limit = 1000): Observable<ServerList> {
    const params = new HttpParams().set('sort', 'name').set('limit', limit).set('offset', offset);
    return this.http.get<ServerList>('/api/v1/servers', { params });
  }
  create(body: CreateServerInput): Observable<ServerWithToken> {
    return this.http.post<ServerWithToken>('/api/v1/servers', body);
  }
  update(id: string, body: UpdateServerInput): Observable<Server> {
    return this.http.patch<Server>(`/api/v1/servers/${id}`, body);
  }
  remove(id: string): Observable<unknown> {
    return this.http.delete(`/api/v1/servers/${id}`);
  }
  rotateToken(id: string): Observable<ServerWithToken> {
    return this.http.post<ServerWithToken>(`/api/v1/servers/${id}/token`, {});
  }
}
