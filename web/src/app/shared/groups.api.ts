import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { CreateGroupInput, Group } from '../core/hub-types';

/** `/api/v1/groups`: read by everyone (overview filters), changed by admins. */
@Injectable({ providedIn: 'root' })
export class GroupsApi {
  private readonly http = inject(HttpClient);

  list(): Observable<Group[]> {
    return this.http.get<Group[]>('/api/v1/groups');
  }
  create(body: CreateGroupInput): Observable<Group> {
    return this.http.post<Group>('/api/v1/groups', body);
  }
  update(id: string, body: Partial<CreateGroupInput>): Observable<Group> {
    return this.http.patch<Group>(`/api/v1/groups/${id}`, body);
  }
  remove(id: string): Observable<unknown> {
    return this.http.delete(`/api/v1/groups/${id}`);
  }
}
