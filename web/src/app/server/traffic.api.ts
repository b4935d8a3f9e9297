import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { TrafficHistory, TrafficSettingsBody, TrafficUsage } from '../core/hub-types';

/** `/api/v1/servers/:id/traffic` (read: everyone; billing-cycle settings: admins). */
@Injectable({ providedIn: 'root' })
export class TrafficApi {
  private readonly http = inject(HttpClient);

  usage(serverId: string): Observable<TrafficUsage> {
    return this.http.get<TrafficUsage>(`/api/v1/servers/${serverId}/traffic`);
  }

  daily(serverId: string, from: number, to: number): Observable<TrafficHistory> {
    const params = new HttpParams().set('resolution', 'daily').set('from', from).set('to', to);
    return this.http.get<TrafficHistory>(`/api/v1/servers/${serverId}/traffic/history`, { params });
  }

  /** Answers with the usage under the new settings. */
  updateSettings(serverId: string, body: TrafficSettingsBody): Observable<TrafficUsage> {
    return this.http.put<TrafficUsage>(`/api/v1/servers/${serverId}/traffic/settings`, body);
  }
}
