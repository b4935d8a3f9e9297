import type { Response } from 'express';
import { CLI_SHA256_HEADER, checksumLine } from '@hivewatch/protocol';
import type { BundleContent } from './bundle-file.js';

/**
 * Answers a built file as an attachment with its SHA-256 in a header and as the ETag (a cache
 * revalidates with a 304); `cache` is `private` for a signed-in download, `public` otherwise.
 */
export function sendDownload(
  res: Response,
  { bytes, sha256 }: BundleContent,
  file: { name: string; type: string; cache: 'private' | 'public' },
): void {
  res
    .attachment(file.name)
    .type(file.type)
    .setHeader(CLI_SHA256_HEADER, sha256)
    .setHeader('ETag', `"${sha256}"`)
    .setHeader('Cache-Control', `${file.cache}, no-cache`)
    .send(bytes);
}

/** Answers the file's `sha256sum` line. */
export function sendChecksum(
  res: Response,
  { sha256 }: BundleContent,
  file: { name: string; cache: 'private' | 'public' },
): void {
  res
    .type('text/plain')
    .setHeader('Cache-Control', `${file.cache}, no-cache`)
    .send(checksumLine(sha256, file.name));
}
