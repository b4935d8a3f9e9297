import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { Observable } from 'rxjs';
import type { AcknowledgeAlertInput } from '@hivewatch/protocol';
import type {
  ActiveAlert,
  AlertFilter,
  AlertPage,
  AlertRule,
  CreateRuleBody,
  UpdateRuleBody,
} from '../core/hub-types';
import { queryParams } from '../shared/query-params';

/**
 * `/api/v1/alert-rules` (read: everyone; change: admins) and `/api/v1/alerts` (history,
 * acknowledge, snooze). Active
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

  /** Any signed-in user with a write-capable credential may acknowledge and snooze. */
  acknowledge(id: string, body: AcknowledgeAlertInput): Observable<ActiveAlert> {
    return this.http.post<ActiveAlert>(`/api/v1/alerts/${id}/acknowledge`, body);
  }
  snooze(id: string, body: { minutes: number } | { until: string }): Observable<ActiveAlert> {
    return this.http.post<ActiveAlert>(`/api/v1/alerts/${id}/snooze`, body);
  }
  unsnooze(id: string): Observable<ActiveAlert> {
    return this.http.delete<ActiveAlert>(`/api/v1/alerts/${id}/snooze`);
  }

  history(filter: AlertFilter, cursor: string | null, limit = 50): Observable<AlertPage> {
    const params = queryParams({ ...filter, cursor, limit });
    return this.http.get<AlertPage>('/api/v1/alerts', { params });
  }
}
