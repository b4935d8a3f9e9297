import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn, UUID_LENGTH } from '../../database/columns.js';

/**
 * A period a server's agent was gone, as the hub's presence saw it (`server.offline` opens one,
 * `server.online` closes it). The status pages' uptime bars are computed from these rows.
 */
@Entity('server_outages')
@Index(['serverId', 'startedAt'])
export class ServerOutage {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  @Column('varchar', { length: UUID_LENGTH })
  serverId!: string;

  @TimestampColumn()
  startedAt!: Date;

  /** Null while the server is still offline. */
  @Index()
  @TimestampColumn({ nullable: true })
  endedAt!: Date | null;
}
