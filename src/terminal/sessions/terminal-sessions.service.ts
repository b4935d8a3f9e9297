import { createReadStream, type ReadStream } from 'node:fs';
import type { TerminalSessionQuery, TerminalSessionView } from '@hivewatch/protocol';
import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Not, type FindOptionsWhere, type Repository } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import type { ActorContext } from '../../common/auth/actor-context.js';
import { EntityNotFoundError } from '../../common/errors/domain-errors.js';
import { TerminalRelays } from '../relay/terminal-relays.js';
import { TerminalSession } from '../terminal-session.entity.js';
import { HubIdentity } from './hub-identity.js';
import { RecordingFiles } from './recording-files.js';
import { TerminalSessionLog } from './terminal-session-log.service.js';

/** Administration → Sessions: the list, ending a live session, and recording downloads. */
@Injectable()
export class TerminalSessionsService {
  constructor(
    @InjectRepository(TerminalSession) private readonly repo: Repository<TerminalSession>,
    private readonly files: RecordingFiles,
    private readonly audit: AuditService,
    private readonly hub: HubIdentity,
    private readonly relays: TerminalRelays,
    private readonly log: TerminalSessionLog,
  ) {}

  async list(query: TerminalSessionQuery): Promise<TerminalSessionView[]> {
    const where: FindOptionsWhere<TerminalSession> = {};
    if (query.live !== undefined) where.endedAt = query.live === 'true' ? IsNull() : Not(IsNull());
    if (query.serverId) where.serverId = query.serverId;
    if (query.userId) where.userId = query.userId;
    const rows = await this.repo.find({ where, order: { startedAt: 'DESC', id: 'ASC' }, take: query.limit });
    // A live row holds zero bytes until its end is written: the relay of this hub knows the figures.
    return rows.map((row) => ({
      ...toView(row),
      ...(row.endedAt === null ? this.relays.bytesOf(row.id) : {}),
    }));
  }

  /**
   * Ends a live session of this hub (reason `user`): the relay closes it and writes its end; a row
   * that nothing relays any more (its relay failed before writing the end) is closed here.
   */
  async end(id: string, ctx: ActorContext): Promise<void> {
    const row = await this.find(id);
    if (row.endedAt !== null) throw new ConflictException('This terminal session has already ended');
    if (row.hubId !== null && row.hubId !== this.hub.id)
      throw new ConflictException('Another hub relays this terminal session: end it there');
    if (!this.relays.end(id, 'user'))
      await this.log.ended(id, {
        reason: 'user',
        exitCode: null,
        signal: null,
        bytesIn: row.bytesIn,
        bytesOut: row.bytesOut,
      });
    await this.audit.record({
      ...ctx,
      action: 'terminal.session.terminate',
      target: { type: 'server', id: row.serverId },
      detail: { sessionId: id, server: row.serverName, user: row.userName },
    });
  }

  /** The asciicast file of a recorded session, audited; 404 when not recorded or expired. */
  async recording(id: string, ctx: ActorContext): Promise<{ stream: ReadStream; size: number }> {
    const row = await this.find(id);
    const size = row.recorded ? await this.files.size(id) : null;
    if (size === null)
      throw new NotFoundException('This terminal session has no recording (not recorded, or expired)');
    await this.audit.record({
      ...ctx,
      action: 'terminal.recording.download',
      target: { type: 'server', id: row.serverId },
      detail: { sessionId: id, server: row.serverName, user: row.userName, bytes: size },
    });
    return { stream: createReadStream(this.files.path(id)), size };
  }

  private async find(id: string): Promise<TerminalSession> {
    const row = await this.repo.findOneBy({ id });
    if (!row) throw new EntityNotFoundError('terminal session', id);
    return row;
  }
}

function toView(row: TerminalSession): TerminalSessionView {
  const live = row.endedAt === null;
  return {
    id: row.id,
    serverId: row.serverId,
    serverName: row.serverName,
    userId: row.userId,
    userName: row.userName,
    remoteAddress: row.remoteAddress,
    userAgent: row.userAgent,
    live,
    startedAt: row.startedAt.toISOString(),
    endedAt: row.endedAt?.toISOString() ?? null,
    durationMs: live ? null : row.endedAt!.getTime() - row.startedAt.getTime(),
    reason: row.reason,
    exitCode: row.exitCode,
    signal: row.signal,
    bytesIn: row.bytesIn,
    bytesOut: row.bytesOut,
    recorded: row.recorded,
    recordingBytes: row.recordingBytes,
  };
}
