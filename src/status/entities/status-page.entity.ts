import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../../database/columns.js';

/** A public status page an admin composes (docs/status-pages.md). */
@Entity('status_pages')
export class StatusPage {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  /** `[a-z0-9-]{1,64}`: the page is served at `/status/{slug}`. */
  @Index({ unique: true })
  @Column('varchar', { length: 64 })
  slug!: string;

  @Column('varchar', { length: 100 })
  title!: string;

  @Column('varchar', { length: 40, default: '' })
  logoText!: string;

  @Column('varchar', { length: 1000, default: '' })
  description!: string;

  @Column('boolean', { default: false })
  published!: boolean;

  @TimestampColumn()
  createdAt!: Date;

  @TimestampColumn()
  updatedAt!: Date;
}

/** The key every row of a page's parts carries: its own id and its page's. */
export abstract class PageKeyColumns {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  @Index()
  @Column('varchar', { length: UUID_LENGTH })
  pageId!: string;
}

/** A part of a page that goes when its page goes (groups, incidents, maintenance windows). */
export abstract class PagePartColumns extends PageKeyColumns {
  @ManyToOne(() => StatusPage, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'pageId' })
  page?: StatusPage;
}

@Entity('status_page_groups')
export class StatusPageGroup extends PagePartColumns {
  @Column('varchar', { length: 100 })
  name!: string;

  @Column('integer', { default: 0 })
  position!: number;
}

/**
 * One thing a page shows. `kind` is `server` today (a probe kind comes later, with its own
 * reference column); `publicName` is all the public sees unless `showAddress` is chosen.
 */
@Entity('status_page_components')
export class StatusPageComponent extends PageKeyColumns {
  @Index()
  @Column('varchar', { length: UUID_LENGTH })
  groupId!: string;

  @ManyToOne(() => StatusPageGroup, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'groupId' })
  group?: StatusPageGroup;

  @Column('varchar', { length: 16 })
  kind!: 'server';

  /** The server shown (kind `server`); no foreign key: a deleted server shows as unknown. */
  @Index()
  @Column('varchar', { length: UUID_LENGTH, nullable: true })
  serverId!: string | null;

  @Column('varchar', { length: 100 })
  publicName!: string;

  @Column('boolean', { default: false })
  showAddress!: boolean;

  @Column('integer', { default: 0 })
  position!: number;
}
