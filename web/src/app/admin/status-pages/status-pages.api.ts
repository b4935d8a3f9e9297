import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  CreateIncidentInput,
  IncidentList,
  IncidentUpdateInput,
  IncidentView,
  MaintenanceList,
  MaintenanceView,
  StatusPageDetail,
  StatusPageInput,
  StatusPageList,
  maintenanceInputSchema,
} from '@hivewatch/protocol';
import type { Observable } from 'rxjs';
import type { z } from 'zod';

/** What the console sends for a maintenance window: times as ISO-8601 strings. */
export type MaintenanceBody = z.input<typeof maintenanceInputSchema>;

const BASE = '/api/v1/status-pages';
const at = (id: string): string => `${BASE}/${encodeURIComponent(id)}`;

/**
 * Administration → Status pages: `/api/v1/status-pages` (libs/protocol api/status-pages.ts).
 * A hub that wants a fresh proof of identity answers 401 step-up: the interceptor asks and retries.
 */
@Injectable({ providedIn: 'root' })
export class StatusPagesApi {
  private readonly http = inject(HttpClient);

  list(): Observable<StatusPageList> {
    return this.http.get<StatusPageList>(BASE);
  }

  page(id: string): Observable<StatusPageDetail> {
    return this.http.get<StatusPageDetail>(at(id));
  }

  create(body: StatusPageInput): Observable<StatusPageDetail> {
    return this.http.post<StatusPageDetail>(BASE, body);
  }

  /** The whole page: groups and components in their order; components keep their `id`. */
  replace(id: string, body: StatusPageInput): Observable<StatusPageDetail> {
    return this.http.put<StatusPageDetail>(at(id), body);
  }

  remove(id: string): Observable<unknown> {
    return this.http.delete(at(id));
  }

  incidents(pageId: string, limit: number): Observable<IncidentList> {
    const params = new HttpParams().set('limit', limit).set('offset', 0);
    return this.http.get<IncidentList>(`${at(pageId)}/incidents`, { params });
  }

  openIncident(pageId: string, body: CreateIncidentInput): Observable<IncidentView> {
    return this.http.post<IncidentView>(`${at(pageId)}/incidents`, body);
  }

  /** A new entry of the incident's timeline; `resolved` closes it. */
  postUpdate(pageId: string, incidentId: string, body: IncidentUpdateInput): Observable<IncidentView> {
    const url = `${at(pageId)}/incidents/${encodeURIComponent(incidentId)}/updates`;
    return this.http.post<IncidentView>(url, body);
  }

  maintenance(pageId: string): Observable<MaintenanceList> {
    return this.http.get<MaintenanceList>(`${at(pageId)}/maintenance`);
  }

  createMaintenance(pageId: string, body: MaintenanceBody): Observable<MaintenanceView> {
    return this.http.post<MaintenanceView>(`${at(pageId)}/maintenance`, body);
  }

  updateMaintenance(pageId: string, windowId: string, body: MaintenanceBody): Observable<MaintenanceView> {
    const url = `${at(pageId)}/maintenance/${encodeURIComponent(windowId)}`;
    return this.http.put<MaintenanceView>(url, body);
  }

  removeMaintenance(pageId: string, windowId: string): Observable<unknown> {
    return this.http.delete(`${at(pageId)}/maintenance/${encodeURIComponent(windowId)}`);
  }
}
