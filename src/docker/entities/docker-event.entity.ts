import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { safeInteger, UUID_LENGTH } from '../../database/columns.js';

/** A container lifecycle event as the engine reported it (`at`: epoch ms on the hub's clock). */
@Entity('docker_events')
@Index('IDX_docker_events_server_at', ['serverId', 'at'])
@Index('IDX_docker_events_at', ['at'])
export class DockerEventRow {
  @PrimaryGeneratedColumn('increment')
  id!: number;

  @Column('varchar', { length: UUID_LENGTH })
  serverId!: string;

  @Column('varchar', { length: 64 })
  containerId!: string;

  @Column('varchar', { length: 256, nullable: true })
  containerName!: string | null;

  @Column('varchar', { length: 512, nullable: true })
  image!: string | null;

  @Column('varchar', { length: 16 })
  action!: string;

  @Column('bigint', { nullable: true, transformer: safeInteger })
  exitCode!: number | null;

  @Column('varchar', { length: 16, nullable: true })
  health!: string | null;

  @Column('bigint', { transformer: safeInteger })
  at!: number;
}
