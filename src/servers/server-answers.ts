import { Injectable } from '@nestjs/common';
import type { ServerAnswer, ServerApiView } from './dto/server.dto.js';
import { ServerCatalog } from './server-catalog.js';

/** Adds the catalog's presence (online, live last contact, offline since) to the REST answers. */
@Injectable()
export class ServerAnswers {
  constructor(private readonly catalog: ServerCatalog) {}

  one(view: ServerApiView): ServerAnswer {
    const { online, lastSeenAt, offlineSince } = this.catalog.presence(view.id);
    return {
      ...view,
      lastSeenAt: lastSeenAt === null ? view.lastSeenAt : new Date(lastSeenAt),
      online,
      offlineSince: offlineSince === null ? null : new Date(offlineSince),
    };
  }

  page(list: { items: ServerApiView[]; total: number }): { items: ServerAnswer[]; total: number } {
    return { items: list.items.map((v) => this.one(v)), total: list.total };
  }
}
