import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { UnlockSignInResult } from '@hivewatch/protocol';
import type { CreateUserInput, UpdateUserInput, User } from '../../core/hub-types';

/** `/api/v1/users` (admin). */
@Injectable({ providedIn: 'root' })
export class UsersApi {
  private readonly http = inject(HttpClient);

  list(): Observable<User[]> {
    return this.http.get<User[]>('/api/v1/users');
  }
  create(body: CreateUserInput): Observable<User> {
    return this.http.post<User>('/api/v1/users', body);
  }
  update(id: string, body: UpdateUserInput): Observable<User> {
    return this.http.patch<User>(`/api/v1/users/${id}`, body);
  }
  /** Forgets the user's failed sign-ins: their sign-in delay ends. */
  unlock(id: string): Observable<UnlockSignInResult> {
    return this.http.post<UnlockSignInResult>(`/api/v1/users/${id}/unlock`, {});
  }
  remove(id: string): Observable<unknown> {
    return this.http.delete(`/api/v1/users/${id}`);
  }
}
