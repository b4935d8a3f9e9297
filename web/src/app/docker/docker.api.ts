import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type {
  ContainerActionResult,
  ContainerHistory,
  ContainerHistoryPoint,
  ContainerList,
  DockerAction,
  DockerEventList,
  DockerInspect,
  ServerContainers,
} from '@hivewatch/protocol';
import type { Observable } from 'rxjs';
import { queryParams } from '../shared/query-params';

/** The fleet page's filter, as the console sends it (every value a string). */
export interface FleetQuery {
  q: string;
  state: string;
  health: string;
  includeRemoved: 'true' | 'false';
  limit: number;
  offset: number;
}

/** The history answer with its points typed per metric (the schema builds them from CONTAINER_METRICS). */
export type ContainerHistoryData = Omit<ContainerHistory, 'points'> & { points: ContainerHistoryPoint[] };

const server = (id: string) => `/api/v1/servers/${encodeURIComponent(id)}`;
const container = (id: string, containerId: string) =>
  `${server(id)}/containers/${encodeURIComponent(containerId)}`;

/** The Docker module's REST routes (libs/protocol/src/api/docker.ts, docs/docker.md). */
@Injectable({ providedIn: 'root' })
export class DockerApi {
  private readonly http = inject(HttpClient);

  containers(serverId: string): Observable<ServerContainers> {
    return this.http.get<ServerContainers>(`${server(serverId)}/containers`);
  }

  fleet(query: FleetQuery): Observable<ContainerList> {
    return this.http.get<ContainerList>('/api/v1/containers', { params: queryParams({ ...query }) });
  }

  history(serverId: string, containerId: string, from: number, to: number): Observable<ContainerHistoryData> {
    const params = new HttpParams()
      .set('from', new Date(from).toISOString())
      .set('to', new Date(to).toISOString());
    return this.http.get<ContainerHistoryData>(`${container(serverId, containerId)}/history`, { params });
  }

  events(serverId: string, containerId: string, limit = 100): Observable<DockerEventList> {
    const params = new HttpParams().set('containerId', containerId).set('limit', String(limit));
    return this.http.get<DockerEventList>(`${server(serverId)}/docker/events`, { params });
  }

  /** Admins only: an allow-list of the engine's inspect (no environment variables). */
  inspect(serverId: string, containerId: string): Observable<DockerInspect> {
    return this.http.get<DockerInspect>(`${container(serverId, containerId)}/inspect`);
  }

  /** Admins only, audited; the step-up interceptor asks for a fresh proof of identity and retries. */
  action(serverId: string, containerId: string, action: DockerAction): Observable<ContainerActionResult> {
    return this.http.post<ContainerActionResult>(`${container(serverId, containerId)}/actions`, { action });
  }

  /** Server-Sent Events of the container's log (same origin: the session cookie goes along). */
  logsUrl(serverId: string, containerId: string, tail = 200): string {
    return `${container(serverId, containerId)}/logs?tail=${tail}&follow=true`;
  }
}
