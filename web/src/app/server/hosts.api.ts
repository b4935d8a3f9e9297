import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  AgentConfigRequest,
  ProcessDetail,
  ProcessSummary,
  ServerInfo,
  ServiceDetail,
  ServiceLogLine,
  ServiceSummary,
} from '@hivewatch/protocol';
import type { Observable } from 'rxjs';
import type { Server } from '../core/hub-types';

/** Requests relayed to a server's agent (`src/hosts`): shapes are the protocol's; and the server record. */
@Injectable({ providedIn: 'root' })
export class HostsApi {
  private readonly http = inject(HttpClient);

  /** The server record (`GET /servers/:id`): here for the agent settings the hub last applied. */
  server(id: string): Observable<Server> {
    return this.http.get<Server>(`/api/v1/servers/${id}`);
  }
  info(id: string): Observable<ServerInfo> {
    return this.http.get<ServerInfo>(`/api/v1/servers/${id}/info`);
  }
  services(id: string): Observable<ServiceSummary[]> {
    return this.http.get<ServiceSummary[]>(`/api/v1/servers/${id}/services`);
  }
  service(id: string, name: string): Observable<ServiceDetail> {
    return this.http.get<ServiceDetail>(`/api/v1/servers/${id}/services/${encodeURIComponent(name)}`);
  }
  serviceLog(id: string, name: string): Observable<ServiceLogLine[]> {
    return this.http.get<ServiceLogLine[]>(`/api/v1/servers/${id}/services/${encodeURIComponent(name)}/logs`);
  }
  restartService(id: string, name: string): Observable<{ status: 'ok' }> {
    return this.http.post<{ status: 'ok' }>(
      `/api/v1/servers/${id}/services/${encodeURIComponent(name)}/restart`,
      {},
    );
  }
  processes(id: string): Observable<ProcessSummary[]> {
    return this.http.get<ProcessSummary[]>(`/api/v1/servers/${id}/processes`);
  }
  process(id: string, pid: number): Observable<ProcessDetail> {
    return this.http.get<ProcessDetail>(`/api/v1/servers/${id}/processes/${pid}`);
  }
  updateAgentConfig(id: string, body: AgentConfigRequest): Observable<{ status: 'ok' }> {
    return this.http.put<{ status: 'ok' }>(`/api/v1/servers/${id}/agent-config`, body);
  }
}
