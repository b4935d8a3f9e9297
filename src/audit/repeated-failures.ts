import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { AuditService, type AuditEntry } from './audit.service.js';

/** Repeats of one kind of failure within this window become one counted entry. */
export const REPEAT_WINDOW_MS = 60_000;
/** Distinct kinds tracked per window; more fold into one catch-all kind per action. */
export const MAX_KINDS = 512;
/** Source addresses named in a summary (the count covers all of them). */
const MAX_LISTED_ADDRESSES = 20;

interface Tally {
  entry: AuditEntry;
  log: { logger: Logger; message: string; fields: Record<string, unknown> };
  repeats: number;
  addresses: Set<string>;
  firstRepeatAt: number;
  lastRepeatAt: number;
}

/**
 * Audit and log lines for failures that an unauthenticated client can repeat at will (agent logins,
 * enrollment attempts): the first of each kind in a window is written at once, as always; the
 * repeats are counted and written as ONE audit entry and ONE warning line when the window closes
 * (`detail.repeated`, `detail.addresses`, first and last time). A flood from many addresses costs
 * a few rows a minute instead of one per attempt, and loses no count.
 */
@Injectable()
export class RepeatedFailures implements OnModuleDestroy {
  private readonly logger = new Logger(RepeatedFailures.name);
  private tallies = new Map<string, Tally>();
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly audit: AuditService) {
    this.timer = setInterval(() => void this.flush(), REPEAT_WINDOW_MS);
    this.timer.unref();
  }

  /**
   * `kind` groups repeats (e.g. action + reason + claimed server); the entry's ip is collected.
   * Resolves once the audit row (if any is due now) is written.
   */
  async failure(
    kind: string,
    entry: AuditEntry,
    log: { logger: Logger; message: string; fields: Record<string, unknown> },
    now = Date.now(),
  ): Promise<void> {
    const key = this.tallies.has(kind) || this.tallies.size < MAX_KINDS ? kind : `${entry.action}|*`;
    const tally = this.tallies.get(key);
    if (tally) {
      if (tally.repeats === 0) tally.firstRepeatAt = now;
      tally.repeats++;
      tally.lastRepeatAt = now;
      if (entry.ip) tally.addresses.add(entry.ip);
      return;
    }
    const addresses = new Set<string>();
    this.tallies.set(key, { entry, log, repeats: 0, addresses, firstRepeatAt: now, lastRepeatAt: now });
    log.logger.warn(log.fields, log.message);
    await this.audit.record(entry);
  }

  /** Writes the counted entries of the closing window; called by the timer and at shutdown. */
  async flush(): Promise<void> {
    const closing = this.tallies;
    this.tallies = new Map();
    for (const tally of closing.values()) {
      if (tally.repeats === 0) continue;
      const addresses = [...tally.addresses];
      const summary = {
        repeated: tally.repeats,
        addresses: addresses.length,
        listedAddresses: addresses.slice(0, MAX_LISTED_ADDRESSES),
        from: new Date(tally.firstRepeatAt).toISOString(),
        to: new Date(tally.lastRepeatAt).toISOString(),
      };
      tally.log.logger.warn(
        { ...tally.log.fields, ip: undefined, ...summary },
        `${tally.log.message} (${tally.repeats} more times from ${addresses.length} addresses)`,
      );
      await this.audit.record({
        ...tally.entry,
        ip: addresses.length === 1 ? addresses[0] : null,
        detail: { ...tally.entry.detail, ...summary },
      });
    }
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    try {
      await this.flush();
    } catch (err) {
      this.logger.error({ err }, 'could not write the repeated-failure summaries');
    }
  }
}
