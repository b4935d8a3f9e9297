import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { safeInteger, UUID_LENGTH } from '../../database/columns.js';

/**
 * One container of one server, as the last `docker-stats` that listed it described it. `key` is the
 * integer the figure rows refer to (the 64-digit id is stored once, here). Times are epoch ms.
 * A container no longer listed keeps its row with `removedAt` until the servers' retention ends.
 */
@Entity('docker_containers')
@Index('IDX_docker_containers_server_container', ['serverId', 'containerId'], { unique: true })
export class DockerContainer {
  @PrimaryGeneratedColumn('increment')
  key!: number;

  @Column('varchar', { length: UUID_LENGTH })
  serverId!: string;

  @Column('varchar', { length: 64 })
  containerId!: string;

  @Column('varchar', { length: 256 })
  name!: string;

  @Column('varchar', { length: 512 })
  image!: string;

  @Column('varchar', { length: 16 })
  state!: string;

  @Column('varchar', { length: 16 })
  health!: string;

  @Column('integer')
  restartCount!: number;

  @Column('bigint', { nullable: true, transformer: safeInteger })
  exitCode!: number | null;

  /** Published ports as JSON (DockerPort[], at most DOCKER_MAX_PORTS); one per container, not per minute. */
  @Column('text')
  ports!: string;

  @Column('bigint', { transformer: safeInteger })
  createdAt!: number;

  @Column('bigint', { nullable: true, transformer: safeInteger })
  startedAt!: number | null;

  @Column('bigint', { transformer: safeInteger })
  firstSeenAt!: number;

  @Column('bigint', { transformer: safeInteger })
  lastSeenAt!: number;

  @Column('bigint', { nullable: true, transformer: safeInteger })
  removedAt!: number | null;
}
