import { z } from 'zod';

/**
 * `GET /api/v1/cli/download` and `GET /api/v1/cli/download.sha256` (src/downloads): the `hivewatch`
 * command line as one file that runs on Node.js ≥ 20, and its SHA-256.
 */

/** Name the file is served under (`Content-Disposition`) and that the docs' CI step saves it as. */
export const CLI_FILE_NAME = 'hivewatch.cjs';

/** Response header of every download (command line, agent) carrying the file's SHA-256 (lower-case hex). */
export const CLI_SHA256_HEADER = 'X-Hivewatch-SHA256';

export const sha256HexSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be a lower-case hex SHA-256 (64 characters)');

/**
 * Body of `download.sha256`: one line in the format `sha256sum --check` reads,
 * `<hex>  hivewatch.cjs\n`.
 */
export function cliChecksumLine(sha256: string): string {
  return checksumLine(sha256, CLI_FILE_NAME);
}

/** One line in the format `sha256sum --check` reads: `<hex>  <file>\n`. */
export function checksumLine(sha256: string, file: string): string {
  return `${sha256}  ${file}\n`;
}

export const cliChecksumLineSchema = z
  .string()
  .regex(/^[0-9a-f]{64} {2}\S+\n$/, 'must be one `sha256sum` line: <hex>, two spaces, the file name')
  .transform((line) => ({ sha256: line.slice(0, 64), file: line.slice(66, -1) }));
export type CliChecksum = z.output<typeof cliChecksumLineSchema>;
