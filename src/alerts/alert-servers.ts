import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ServerCatalog } from '../servers/server-catalog.js';
import type { EvalServer } from './alert-model.js';

/**
 * The evaluator's server list (id, name, group, tags; by id) and presence, read from the server
 * catalog. The list is taken once per tick (not per rule), so group and tag changes apply on the
 * next tick; an unchanged catalog keeps the list's identity, so the evaluator reuses every rule's
 * scoped server list.
 */
@Injectable()
export class AlertServers implements OnModuleInit {
  private list: EvalServer[] = [];
  private source: readonly unknown[] | null = null;

  constructor(private readonly catalog: ServerCatalog) {}

  onModuleInit(): void {
    this.refresh();
  }

  all(): readonly EvalServer[] {
    return this.list;
  }

  /** Since when the server's agent is gone (offline since hub boot for one seen before), or null. */
  offlineSince(serverId: string): number | null {
    return this.catalog.offlineSince(serverId);
  }

  /** Takes the catalog's current list for this tick. */
  refresh(): void {
    const views = this.catalog.list();
    if (views === this.source) return;
    this.source = views;
    const next = views
      .map((v) => ({ id: v.id, name: v.name, groupId: v.groupId, tags: v.tags }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    if (!sameServers(this.list, next)) this.list = next;
  }
}

function sameServers(a: readonly EvalServer[], b: readonly EvalServer[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.id !== y.id ||
      x.name !== y.name ||
      x.groupId !== y.groupId ||
      x.tags.join('\n') !== y.tags.join('\n')
    ) {
      return false;
    }
  }
  return true;
}
