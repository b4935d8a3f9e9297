import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';

/** A built file's bytes and SHA-256 (lower-case hex). */
export interface BundleContent {
  bytes: Buffer;
  sha256: string;
}

/**
 * A single-file bundle the hub hands out (the `hivewatch` command line; any other one-file build,
 * such as the agent, the same way). The bytes and their SHA-256 are kept in memory and read again
 * only when the file's size or modification time changes, so a download costs one `stat` and no
 * hashing, and a rebuild is picked up without a restart. Null while the file is not built.
 */
export class BundleFile {
  private cached: { key: string; content: BundleContent } | null = null;
  private loading: Promise<BundleContent | null> | null = null;

  constructor(readonly path: string) {}

  async read(): Promise<BundleContent | null> {
    const stat = await fs.stat(this.path).catch(() => null);
    if (!stat?.isFile()) return null;
    const key = `${stat.size}:${stat.mtimeMs}`;
    if (this.cached?.key === key) return this.cached.content;
    // Concurrent first downloads share one read.
    this.loading ??= this.load(key).finally(() => {
      this.loading = null;
    });
    return this.loading;
  }

  private async load(key: string): Promise<BundleContent | null> {
    const bytes = await fs.readFile(this.path).catch(() => null);
    if (bytes === null) return null;
    const content = { bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
    this.cached = { key, content };
    return content;
  }
}
