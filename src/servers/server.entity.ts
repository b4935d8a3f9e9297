import { Column, Entity, Index, JoinColumn, ManyToOne, OneToMany, PrimaryColumn } from 'typeorm';
import { safeInteger, TimestampColumn, UUID_LENGTH } from '../database/columns.js';
import { ServerGroup } from './server-group.entity.js';
import { ServerTag } from './server-tag.entity.js';

/** Static facts the agent reports (seed 002 `get-server-info`). */
export interface ServerSystemInfo {
  hostname?: string;
  ipAddress?: string;
  os?: string;
  osVersion?: string;
  kernel?: string;
  architecture?: string;
  cpuModel?: string;
  cpuCores?: number;
  cpuThreads?: number;
}

@Entity('servers')
export class Server {
  @PrimaryColumn('varchar', { length: UUID_LENGTH })
  id!: string;

  @Column('varchar', { length: 100 })
  name!: string;

  @Index()
  @Column('varchar', { length: UUID_LENGTH, nullable: true })
  groupId!: string | null;

  @ManyToOne(() => ServerGroup, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'groupId' })
  group?: ServerGroup | null;

  @OneToMany(() => ServerTag, (t) => t.server, { cascade: true })
  tags?: ServerTag[];

  @Column('text', { default: '' })
  notes!: string;

  /** Public lookup prefix of the agent token (the simple dialect sends no server id). */
  @Index({ unique: true })
  @Column('varchar', { length: 16 })
  tokenPrefix!: string;

  /** argon2id of the whole agent token. */
  @Column('varchar', { length: 255 })
  tokenHash!: string;

  @TimestampColumn()
  tokenRotatedAt!: Date;

  /** Set when the server was created by an enrollment key: the agent's stable host id (hashed). */
  @Index()
  @Column('varchar', { length: 64, nullable: true })
  machineId!: string | null;

  @Column('varchar', { length: UUID_LENGTH, nullable: true })
  enrollmentKeyId!: string | null;

  @Column('varchar', { length: 16, nullable: true })
  dialect!: 'envelope' | 'simple' | null;

  @Column('varchar', { length: 64, nullable: true })
  agentVersion!: string | null;

  @Column('integer', { nullable: true })
  protocolVersion!: number | null;

  @Column('simple-json', { nullable: true })
  capabilities!: string[] | null;

  /**
   * Seed 001's `command` / `docker_command` reach a simple-dialect agent only when an admin switched
   * this on for the server: those agents have no capability gate of their own.
   */
  @Column('boolean', { default: false })
  simpleCommands!: boolean;

  /** Record terminal sessions on this server: true/false, or null to follow the global setting. */
  @Column('boolean', { nullable: true })
  terminalRecording!: boolean | null;

  @Column('simple-json', { nullable: true })
  systemInfo!: ServerSystemInfo | null;

  /** Seed 000's pricing/expiry metadata: what the host costs and when its contract ends. */
  @Column('double precision', { nullable: true })
  price!: number | null;

  @Column('varchar', { length: 8, nullable: true })
  currency!: string | null;

  @Column('varchar', { length: 16, nullable: true })
  billingCycle!: 'monthly' | 'quarterly' | 'yearly' | null;

  @TimestampColumn({ nullable: true })
  expiresAt!: Date | null;

  @Column('integer', { default: 0 })
  displayOrder!: number;

  @TimestampColumn({ nullable: true })
  lastSeenAt!: Date | null;

  /**
   * The agent settings last applied through `PUT /servers/:id/agent-config`, written only once the
   * agent accepted them (the agent keeps them in its own configuration; the hub remembers them).
   */
  @Column('integer', { nullable: true })
  agentMetricsInterval!: number | null;

  @Column('simple-json', { nullable: true })
  agentWatchlist!: string[] | null;

  @TimestampColumn({ nullable: true })
  agentConfigAppliedAt!: Date | null;

  /**
   * Highest hub → agent request id reserved for this server. Request ids must never repeat for an
   * agent (it caches responses by id), across restarts and hub instances: see src/agents/rpc/request-ids.ts.
   */
  @Column('bigint', { default: 0, transformer: safeInteger })
  rpcIdHighWater!: number;

  /** Highest outbox `seq` of this server durably stored: samples at or below it are duplicates. */
  @Column('bigint', { nullable: true, transformer: safeInteger })
  settledSeq!: number | null;

  @TimestampColumn()
  createdAt!: Date;

  @TimestampColumn()
  updatedAt!: Date;
}
