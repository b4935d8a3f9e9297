import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { AlertFilter, AlertPage, AlertRule, CreateRuleBody, UpdateRuleBody } from '../core/hub-types';
import { queryParams } from '../shared/query-params';

/**
 * `/api/v1/alert-rules` (read: everyone; change: admins) and `/api/v1/alerts` (history). Active
 * alerts come from ActiveAlertsService, which the navigation badge shares.
 */
@Injectable({ providedIn: 'root' })
export class AlertsApi {
  private readonly http = inject(HttpClient);

  rules(): Observable<AlertRule[]> {
    return this.http.get<AlertRule[]>('/api/v1/alert-rules');
  }
  rule(id: string): Observable<AlertRule> {
    return this.http.get<AlertRule>(`/api/v1/alert-rules/${id}`);
  }
  createRule(body: CreateRuleBody): Observable<AlertRule> {
    return this.http.post<AlertRule>('/api/v1/alert-rules', body);
  }
  updateRule(id: string, body: UpdateRuleBody): Observable<AlertRule> {
    return this.http.patch<AlertRule>(`/api/v1/alert-rules/${id}`, body);
  }
  removeRule(id: string): Observable<unknown> {
    return this.http.delete(`/api/v1/alert-rules/${id}`);
  }

  history(filter: AlertFilter, cursor: string | null, limit = 50): Observable<AlertPage> {
    const params = queryParams({ ...filter, cursor, limit });
    return this.http.get<AlertPage>('/api/v1/alerts', { params });
  }
}
