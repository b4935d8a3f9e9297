import { Injectable, Logger } from '@nestjs/common';
import fs from 'node:fs';
import path from 'node:path';
import { AppConfig } from '../config/app-config.js';
import { PRIVATE_FILE_MODE } from '../database/data-files.js';

/** Where the generated first-admin password waits for its first use, inside the data folder. */
export function initialCredentialsPath(dataDir: string): string {
  return path.join(dataDir, 'initial-admin-password.txt');
}

/** The command that gives an account a new password, run on the hub's host (docs/security.md). */
export const RESET_PASSWORD_COMMAND = 'npm run hub -- reset-password';

/**
 * The generated first-admin password, kept in a 0600 file of the data folder so it survives the
 * terminal scrolling away, and deleted as soon as it is no longer needed: at that admin's first
 * sign-in, or when their password changes (by them, by another admin, or by the reset command).
 */
@Injectable()
export class InitialCredentialsFile {
  private readonly logger = new Logger(InitialCredentialsFile.name);
  readonly path: string;
  /** The username the file is for; null when there is no file. */
  private owner: string | null;

  constructor(config: AppConfig) {
    this.path = initialCredentialsPath(config.dataDir);
    this.owner = readOwner(this.path);
  }

  /** The account whose first password the file holds; null when there is no file. */
  get username(): string | null {
    return this.owner;
  }

  write(username: string, password: string): void {
    const text = [
      'Hivewatch: the first administrator, created at first start.',
      'This file is deleted at their first sign-in or password change.',
      `username: ${username}`,
      `password: ${password}`,
      '',
    ].join('\n');
    fs.writeFileSync(this.path, text, { mode: PRIVATE_FILE_MODE });
    fs.chmodSync(this.path, PRIVATE_FILE_MODE);
    this.owner = username;
  }

  /** Deletes the file if it holds `username`'s first password. */
  discard(username: string): void {
    if (this.owner === null || this.owner.toLowerCase() !== username.toLowerCase()) return;
    this.owner = null;
    try {
      fs.rmSync(this.path, { force: true });
      this.logger.log({ file: this.path }, 'initial admin password file deleted');
    } catch (err) {
      this.logger.warn({ err, file: this.path }, 'could not delete the initial admin password file');
    }
  }
}

/** The username recorded in a credentials file, or null when there is none. */
export function readOwner(file: string): string | null {
  try {
    return /^username: (\S+)$/m.exec(fs.readFileSync(file, 'utf8'))?.[1] ?? null;
  } catch {
    return null;
  }
}
