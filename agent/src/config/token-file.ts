import { readFileSync, statSync } from 'node:fs';

/** Far above any agent token (`hwa_…`, 57 characters): anything larger is not a token file. */
const MAX_TOKEN_FILE_BYTES = 4096;

/**
 * Reads the agent token from `path` once, at start. The file must be a regular file that only its
 * owner can read or write (mode 0600 or 0400): a token other users could read is refused, and the
 * message never includes the file's content.
 */
export function readTokenFile(path: string): { token: string } | { problem: string } {
  let stat;
  try {
    stat = statSync(path);
  } catch (error) {
    return {
      problem: `tokenFile: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    };
  }
  if (!stat.isFile()) return { problem: `tokenFile: ${path} is not a regular file` };
  const mode = stat.mode & 0o777;
  if ((mode & 0o077) !== 0)
    return {
      problem:
        `tokenFile: ${path} is accessible to group or others (mode ${mode.toString(8).padStart(4, '0')}); ` +
        `the agent token must be private: chmod 600 ${path}`,
    };
  if (stat.size > MAX_TOKEN_FILE_BYTES)
    return { problem: `tokenFile: ${path} is larger than ${MAX_TOKEN_FILE_BYTES} bytes` };
  const token = readFileSync(path, 'utf8').trim();
  if (token === '' || /\s/.test(token))
    return { problem: `tokenFile: ${path} must hold the agent token alone, on one line` };
  return { token };
}
