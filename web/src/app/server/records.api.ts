import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { LiveSample as Sample } from '@hivewatch/protocol';
import type { Observable } from 'rxjs';
import type { History } from '../core/hub-types';

/** Latest sample with its per-filesystem / per-interface detail, as the hub serves it. */
export type LiveSample = Sample;

/** `/api/v1/servers/:id/records` and `/live` (`src/records`). */
@Injectable({ providedIn: 'root' })
export class RecordsApi {
  private readonly http = inject(HttpClient);

  history(id: string, from: number, to: number, metrics: readonly string[]): Observable<History> {
    const params = new HttpParams()
      .set('from', String(from))
      .set('to', String(to))
      .set('metrics', metrics.join(','));
    return this.http.get<History>(`/api/v1/servers/${id}/records`, { params });
  }

  live(id: string): Observable<LiveSample> {
    return this.http.get<LiveSample>(`/api/v1/servers/${id}/live`);
  }
}
