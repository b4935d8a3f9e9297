import { mkdir } from 'node:fs/promises';
import type { TerminalEndReason } from '@hivewatch/protocol';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { AuditService } from '../../audit/audit.service.js';
import type { Principal } from '../../common/auth/principal.js';
import { Clock } from '../../common/auth/clock.js';
import { ServersService } from '../../servers/servers.service.js';
import { TerminalSession } from '../terminal-session.entity.js';
import { AsciicastWriter } from './asciicast-writer.js';
import { HubIdentity } from './hub-identity.js';
import { RecordingFiles } from './recording-files.js';
import type { TerminalRecordingSink } from './terminal-recording-sink.js';
import { TerminalSettingsService } from './terminal-settings.service.js';

export type { TerminalRecordingSink } from './terminal-recording-sink.js';

export interface TerminalSessionStart {
  id: string;
  serverId: string;
  serverName: string;
  userId: string;
  userName: string;
  remoteAddress: string | null;
  userAgent: string | null;
  cols: number;
  rows: number;
}

export interface TerminalSessionEnd {
  reason: TerminalEndReason;
  exitCode: number | null;
  signal: string | null;
  bytesIn: number;
  bytesOut: number;
}

/**
 * The record of every terminal session (docs/terminal.md): a `terminal_sessions` row and audit
 * entries at start and end, and the asciicast recording when the server (or, when the server does
 * not say, the global setting) asks for one. The relay calls `started` before it opens the PTY and
 * `ended` exactly once when the session is over.
 */
@Injectable()
export class TerminalSessionLog implements OnApplicationBootstrap {
  private readonly logger = new Logger(TerminalSessionLog.name);
  private readonly recordings = new Map<string, AsciicastWriter>();

  constructor(
    @InjectRepository(TerminalSession) private readonly repo: Repository<TerminalSession>,
    private readonly audit: AuditService,
    private readonly settings: TerminalSettingsService,
    private readonly servers: ServersService,
    private readonly files: RecordingFiles,
    private readonly hub: HubIdentity,
    private readonly clock: Clock,
  ) {}

  /** Rows this hub left live when it last stopped are over: nothing relays them any more. */
  async onApplicationBootstrap(): Promise<void> {
    const stale = await this.repo.findBy({ hubId: this.hub.id, endedAt: IsNull() });
    for (const row of stale) {
      await this.repo.update(
        { id: row.id, endedAt: IsNull() },
        {
          endedAt: new Date(this.clock.now()),
          reason: 'hub-gone',
          recordingBytes: await this.files.size(row.id),
        },
      );
      await this.audit.record({
        actor: { via: 'system' },
        action: 'terminal.session.end',
        target: { type: 'server', id: row.serverId },
        detail: { sessionId: row.id, reason: 'hub-gone', user: row.userName },
      });
    }
    if (stale.length > 0)
      this.logger.warn({ sessions: stale.length }, 'closed terminal sessions left live by the last run');
  }

  async started(input: TerminalSessionStart): Promise<TerminalRecordingSink | null> {
    const startedAt = new Date(this.clock.now());
    const record = await this.wantsRecording(input.serverId);
    await this.repo.insert({
      ...input,
      hubId: this.hub.id,
      startedAt,
      endedAt: null,
      reason: null,
      exitCode: null,
      signal: null,
      bytesIn: 0,
      bytesOut: 0,
      recorded: record,
      recordingBytes: null,
    });
    await this.audit.record({
      actor: asActor(input),
      ip: input.remoteAddress,
      action: 'terminal.session.start',
      target: { type: 'server', id: input.serverId },
      detail: {
        sessionId: input.id,
        server: input.serverName,
        userAgent: input.userAgent,
        size: `${input.cols}x${input.rows}`,
        recorded: record,
      },
    });
    if (!record) return null;
    return this.openRecording(input, startedAt);
  }

  async ended(id: string, end: TerminalSessionEnd): Promise<void> {
    const row = await this.repo.findOneBy({ id });
    if (!row || row.endedAt !== null) return;
    const writer = this.recordings.get(id);
    this.recordings.delete(id);
    const recording = writer ? await writer.close() : null;
    const endedAt = new Date(this.clock.now());
    await this.repo.update(
      { id, endedAt: IsNull() },
      {
        endedAt,
        reason: end.reason,
        exitCode: end.exitCode,
        signal: end.signal,
        bytesIn: end.bytesIn,
        bytesOut: end.bytesOut,
        recordingBytes: recording?.bytes ?? null,
      },
    );
    await this.audit.record({
      actor: asActor(row),
      ip: row.remoteAddress,
      action: 'terminal.session.end',
      target: { type: 'server', id: row.serverId },
      detail: {
        sessionId: id,
        server: row.serverName,
        reason: end.reason,
        exitCode: end.exitCode,
        signal: end.signal,
        durationMs: endedAt.getTime() - row.startedAt.getTime(),
        bytesIn: end.bytesIn,
        bytesOut: end.bytesOut,
        ...(recording ? { recordingBytes: recording.bytes, recordingTruncated: recording.truncated } : {}),
        ...(recording?.failed ? { recordingFailed: true } : {}),
      },
    });
  }

  private async wantsRecording(serverId: string): Promise<boolean> {
    const own = await this.servers.terminalRecording(serverId);
    if (own !== null) return own;
    return (await this.settings.get()).recording;
  }

  private async openRecording(
    input: TerminalSessionStart,
    startedAt: Date,
  ): Promise<TerminalRecordingSink | null> {
    try {
      await mkdir(this.files.folder, { recursive: true, mode: 0o700 });
      const writer = await AsciicastWriter.create(this.files.path(input.id), {
        width: input.cols,
        height: input.rows,
        timestamp: Math.floor(startedAt.getTime() / 1000),
        title: `${input.userName}@${input.serverName}`,
      });
      this.recordings.set(input.id, writer);
      return writer;
    } catch (err) {
      this.logger.error({ err, sessionId: input.id }, 'could not start the terminal recording');
      await this.repo.update({ id: input.id }, { recorded: false });
      return null;
    }
  }
}

/** The user who opened the session, as the audit log's actor (terminals are for signed-in admins). */
function asActor(who: {
  userId: string | null;
  userName: string;
}): Principal | { via: 'system'; name: string } {
  if (who.userId === null) return { via: 'system', name: who.userName };
  return { via: 'session', userId: who.userId, username: who.userName, role: 'admin', scope: 'admin' };
}
