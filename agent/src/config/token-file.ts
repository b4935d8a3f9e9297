import { readFileSync, statSync } from 'node:fs';

/** Far above any agent token (`hwa_…`, 57 characters) or enrollment key: anything larger is not one. */
const MAX_SECRET_FILE_BYTES = 4096;

/** Which secret a file holds: its configuration key and how messages name it. */
export interface SecretFileKind {
  key: 'tokenFile' | 'enrollmentKeyFile';
  what: string;
}

export const TOKEN_FILE: SecretFileKind = { key: 'tokenFile', what: 'the agent token' };
export const ENROLLMENT_KEY_FILE: SecretFileKind = { key: 'enrollmentKeyFile', what: 'the enrollment key' };

/**
 * Reads a secret (agent token, enrollment key) from `path` once, at start. The file must be a
 * regular file that only its owner can read or write (mode 0600 or 0400): a secret other users
 * could read is refused, and the message never includes the file's content.
 */
export function readSecretFile(path: string, kind: SecretFileKind): { secret: string } | { problem: string } {
  const { key, what } = kind;
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    return {
      problem: `${key}: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    };
  }
  if (!stat.isFile()) return { problem: `${key}: ${path} is not a regular file` };
  const mode = stat.mode & 0o777;
  if ((mode & 0o077) !== 0)
    return {
      problem:
        `${key}: ${path} is accessible to group or others (mode ${mode.toString(8).padStart(4, '0')}); ` +
        `${what} must be private: chmod 600 ${path}`,
    };
  if (stat.size > MAX_SECRET_FILE_BYTES)
    return { problem: `${key}: ${path} is larger than ${MAX_SECRET_FILE_BYTES} bytes` };
  const secret = readFileSync(path, 'utf8').trim();
  if (secret === '' || /\s/.test(secret))
    return { problem: `${key}: ${path} must hold ${what} alone, on one line` };
  return { secret };
}

/** The agent token from a `--token-file`. */
export function readTokenFile(path: string): { token: string } | { problem: string } {
  const read = readSecretFile(path, TOKEN_FILE);
  return 'secret' in read ? { token: read.secret } : read;
}
