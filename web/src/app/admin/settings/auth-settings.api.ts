import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuthSettings, UpdateAuthSettingsInput } from '@hivewatch/protocol';
import type { Observable } from 'rxjs';

/** `/api/v1/settings/auth`: the sign-in policy (admin; saving needs step-up). */
@Injectable({ providedIn: 'root' })
export class AuthSettingsApi {
  private readonly http = inject(HttpClient);

  get(): Observable<AuthSettings> {
    return this.http.get<AuthSettings>('/api/v1/settings/auth');
  }
  update(body: UpdateAuthSettingsInput): Observable<AuthSettings> {
    return this.http.put<AuthSettings>('/api/v1/settings/auth', body);
  }
}
