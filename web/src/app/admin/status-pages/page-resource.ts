import { type ResourceRef, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import type { StatusPageDetail } from '@hivewatch/protocol';
import { StatusPagesApi } from './status-pages.api';

/** The status page of the given id, loaded again when the id changes (idle while there is none). */
export function pageResource(id: () => string | undefined): ResourceRef<StatusPageDetail | undefined> {
  const api = inject(StatusPagesApi);
  return rxResource({ params: id, stream: ({ params }) => api.page(params) });
}
