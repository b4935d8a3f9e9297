import { stat, unlink } from 'node:fs/promises';
import path from 'node:path';
import { STREAM_ID_PATTERN } from '@hivewatch/protocol';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';

/** Where recordings live: `<data dir>/recordings/<session id>.cast`, one private file each. */
@Injectable()
export class RecordingFiles {
  readonly folder: string;

  constructor(config: AppConfig) {
    this.folder = path.join(config.dataDir, 'recordings');
  }

  /** The file of a session; the id is checked so that it can never name another path. */
  path(sessionId: string): string {
    if (!STREAM_ID_PATTERN.test(sessionId)) throw new Error('invalid terminal session id');
    return path.join(this.folder, `${sessionId}.cast`);
  }

  /** The file's size, or null when it does not exist (never recorded, or expired). */
  async size(sessionId: string): Promise<number | null> {
    try {
      return (await stat(this.path(sessionId))).size;
    } catch {
      return null;
    }
  }

  async remove(sessionId: string): Promise<void> {
    await unlink(this.path(sessionId)).catch(() => undefined);
  }
}
