import type { DockerHealth, DockerState } from '@hivewatch/protocol';
import type { FleetQuery } from './docker.api';

/** Rows per page of the fleet Containers page. */
export const PAGE_SIZE = 50;
/** The last page a user can page to (the hub caps `offset` at 1,000,000). */
export const MAX_PAGE = Math.floor(1_000_000 / PAGE_SIZE);

export interface FleetFilter {
  q: string;
  state: DockerState | '';
  health: DockerHealth | '';
  includeRemoved: boolean;
  /** 0-based. */
  page: number;
}

export const DEFAULT_FLEET_FILTER: FleetFilter = {
  q: '',
  state: '',
  health: '',
  includeRemoved: false,
  page: 0,
};

export function toQuery(f: FleetFilter): FleetQuery {
  const page = Math.min(MAX_PAGE, Math.max(0, Math.floor(f.page)));
  return {
    q: f.q.trim().slice(0, 200),
    state: f.state,
    health: f.health,
    includeRemoved: f.includeRemoved ? 'true' : 'false',
    limit: PAGE_SIZE,
    offset: page * PAGE_SIZE,
  };
}

/** "51–100 of 230" and whether there are pages before and after. */
export function pageInfo(
  page: number,
  total: number,
  shown: number,
): { from: number; to: number; total: number; prev: boolean; next: boolean } {
  const from = shown ? page * PAGE_SIZE + 1 : 0;
  const to = page * PAGE_SIZE + shown;
  return { from, to, total, prev: page > 0, next: to < total && page < MAX_PAGE };
}
