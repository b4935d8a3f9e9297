/** What a cache hit proves: this token verified against this server's hash at this rotation. */
export interface VerifiedToken {
  serverId: string;
  tokenRotatedAt: number;
}

/**
 * Bounded, least-recently-used memory of agent tokens that passed argon2 verification, keyed by
 * SHA-256 of the token (never the token itself). A reconnect storm then costs one map lookup per
 * agent instead of one argon2 run. Only successful verifications are ever stored.
 */
export class VerifiedTokenCache {
  /** Insertion order of a Map is its recency order: re-inserting on a hit moves a key to the end. */
  private readonly byKey = new Map<string, VerifiedToken>();
  private readonly keyByServer = new Map<string, string>();

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error('capacity must be a positive integer');
  }

  get size(): number {
    return this.byKey.size;
  }

  get(key: string): VerifiedToken | undefined {
    const hit = this.byKey.get(key);
    if (hit) {
      this.byKey.delete(key);
      this.byKey.set(key, hit);
    }
    return hit;
  }

  set(key: string, value: VerifiedToken): void {
    // A server has one valid token at a time: drop whatever it had before.
    this.deleteServer(value.serverId);
    this.byKey.delete(key);
    this.byKey.set(key, value);
    this.keyByServer.set(value.serverId, key);
    while (this.byKey.size > this.capacity) {
      const oldest = this.byKey.keys().next();
      if (oldest.done) break;
      this.deleteKey(oldest.value);
    }
  }

  /** Forgets a server's token (rotation, deletion). */
  deleteServer(serverId: string): void {
    const key = this.keyByServer.get(serverId);
    if (key !== undefined) this.deleteKey(key);
  }

  clear(): void {
    this.byKey.clear();
    this.keyByServer.clear();
  }

  private deleteKey(key: string): void {
    const entry = this.byKey.get(key);
    if (!entry) return;
    this.byKey.delete(key);
    if (this.keyByServer.get(entry.serverId) === key) this.keyByServer.delete(entry.serverId);
  }
}
