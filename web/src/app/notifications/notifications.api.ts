import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, map } from 'rxjs';
import type {
  AttemptFilter,
  AttemptPage,
  Channel,
  ChannelTestResult,
  CreateChannelBody,
  CreateNotificationGroupBody,
  DeliveryAttempt,
  DeliveryFilter,
  DeliveryPage,
  NotificationGroup,
  UpdateChannelBody,
  UpdateNotificationGroupBody,
} from '../core/hub-types';
import { queryParams } from '../shared/query-params';

/**
 * `/api/v1/notification-channels` (admins only, reads included: settings may carry credentials),
 * `/api/v1/notification-groups` (read: everyone), the delivery queue `/api/v1/notification-deliveries`
 * and the delivery log `/api/v1/notification-attempts`.
 */
@Injectable({ providedIn: 'root' })
export class NotificationsApi {
  private readonly http = inject(HttpClient);

  channels(): Observable<Channel[]> {
    return this.http.get<Channel[]>('/api/v1/notification-channels');
  }
  channel(id: string): Observable<Channel> {
    return this.http.get<Channel>(`/api/v1/notification-channels/${id}`);
  }
  createChannel(body: CreateChannelBody): Observable<Channel> {
    return this.http.post<Channel>('/api/v1/notification-channels', body);
  }
  updateChannel(id: string, body: UpdateChannelBody): Observable<Channel> {
    return this.http.patch<Channel>(`/api/v1/notification-channels/${id}`, body);
  }
  removeChannel(id: string): Observable<unknown> {
    return this.http.delete(`/api/v1/notification-channels/${id}`);
  }
  /** Sends once, now; answers with the outcome (the attempt is in the delivery log too). */
  testChannel(id: string): Observable<ChannelTestResult> {
    return this.http.post<ChannelTestResult>(`/api/v1/notification-channels/${id}/test`, {});
  }

  groups(): Observable<NotificationGroup[]> {
    return this.http.get<NotificationGroup[]>('/api/v1/notification-groups');
  }
  createGroup(body: CreateNotificationGroupBody): Observable<NotificationGroup> {
    return this.http.post<NotificationGroup>('/api/v1/notification-groups', body);
  }
  updateGroup(id: string, body: UpdateNotificationGroupBody): Observable<NotificationGroup> {
    return this.http.patch<NotificationGroup>(`/api/v1/notification-groups/${id}`, body);
  }
  removeGroup(id: string): Observable<unknown> {
    return this.http.delete(`/api/v1/notification-groups/${id}`);
  }

  attempts(filter: AttemptFilter, cursor: number | null, limit = 50): Observable<AttemptPage> {
    return this.http.get<AttemptPage>('/api/v1/notification-attempts', {
      params: queryParams({ ...filter, cursor, limit }),
    });
  }

  deliveries(filter: DeliveryFilter, cursor: number | null, limit = 50): Observable<DeliveryPage> {
    return this.http.get<DeliveryPage>('/api/v1/notification-deliveries', {
      params: queryParams({ ...filter, cursor, limit }),
    });
  }

  /** The newest attempt of one delivery (its outcome and error), null before the first. */
  lastAttempt(deliveryId: number): Observable<DeliveryAttempt | null> {
    return this.http
      .get<AttemptPage>('/api/v1/notification-attempts', { params: queryParams({ deliveryId, limit: 1 }) })
      .pipe(map((page) => page.items[0] ?? null));
  }
}
