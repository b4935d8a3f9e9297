import { Column } from 'typeorm';
import { PagePartColumns } from './status-page.entity.js';

/**
 * What an incident and a maintenance window both tell a page's visitors: a title and the
 * components it concerns. Each entity extends this and keeps its table.
 */
export abstract class PageNoticeColumns extends PagePartColumns {
  @Column('varchar', { length: 200 })
  title!: string;

  /** Ids of the page's components it concerns (at most 200). */
  @Column('simple-json')
  componentIds!: string[];
}
