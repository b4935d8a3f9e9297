import type { TerminalEndReason } from '@hivewatch/protocol';
import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { safeInteger, TimestampColumn, UUID_LENGTH } from '../database/columns.js';

/**
 * One terminal session (docs/terminal.md): who opened it on which server from where, how it ended,
 * bytes each way, and its asciicast recording when recording was on. Kept with the audit log's
 * retention; live sessions have `endedAt` null.
 */
@Entity('terminal_sessions')
@Index(['startedAt'])
@Index(['serverId', 'startedAt'])
export class TerminalSession {
  /** The session id of the ticket (also the agent channel's `sessionId`). */
  @PrimaryColumn('varchar', { length: 64 })
  id!: string;

  /** No foreign key: the record outlives the server and the user (it keeps their names). */
  @Column('varchar', { length: UUID_LENGTH })
  serverId!: string;

  @Column('varchar', { length: 100 })
  serverName!: string;

  @Index()
  @Column('varchar', { length: UUID_LENGTH, nullable: true })
  userId!: string | null;

  @Column('varchar', { length: 100 })
  userName!: string;

  /** The browser's address as the hub saw it (after trusted proxies). */
  @Column('varchar', { length: 64, nullable: true })
  remoteAddress!: string | null;

  @Column('varchar', { length: 255, nullable: true })
  userAgent!: string | null;

  /** Which hub process relays it (several hubs share one database). */
  @Column('varchar', { length: 64, nullable: true })
  hubId!: string | null;

  @Column('integer')
  cols!: number;

  @Column('integer')
  rows!: number;

  @TimestampColumn()
  startedAt!: Date;

  @TimestampColumn({ nullable: true })
  endedAt!: Date | null;

  @Column('varchar', { length: 32, nullable: true })
  reason!: TerminalEndReason | null;

  @Column('integer', { nullable: true })
  exitCode!: number | null;

  @Column('varchar', { length: 32, nullable: true })
  signal!: string | null;

  /** Browser → host (keystrokes and pastes), in bytes. */
  @Column('bigint', { default: 0, transformer: safeInteger })
  bytesIn!: number;

  /** Host → browser, in bytes. */
  @Column('bigint', { default: 0, transformer: safeInteger })
  bytesOut!: number;

  /** Whether an asciicast v2 recording was made (output and resizes, never keystrokes). */
  @Column('boolean', { default: false })
  recorded!: boolean;

  /** Size of the recording file once closed (null while live or when not recorded). */
  @Column('bigint', { nullable: true, transformer: safeInteger })
  recordingBytes!: number | null;
}
