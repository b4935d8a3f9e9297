import path from 'node:path';
import { envSchema, type Env } from './config.schema.js';
import { parseSsoConfig, SsoConfigError, type SsoConfig } from './sso-config.js';

export type DatabaseConfig = { type: 'sqlite'; file: string } | { type: 'postgres'; url: string };

export interface AgentsConfig {
  /** A connection must authenticate within this time (close 4408). */
  authTimeoutMs: number;
  /** Largest accepted frame; ws closes with 1009 beyond it. */
  maxFrameBytes: number;
  /** Failed authentications per source address per minute before 4429 without verifying. */
  authFailuresPerMinute: number;
  /** Bad frames per second one connection may send before a warning, then 4429. */
  badFramesPerSecond: number;
  /** A server silent (no frame) for this long goes offline. */
  offlineAfterMs: number;
  /** A server whose connection closed goes offline unless it is back within this time. */
  reconnectGraceMs: number;
  /** A live sample whose corrected agent time is farther than this from receive time uses receive time. */
  clockSkewWindowMs: number;
  /** Default timeout of a hub → agent request. */
  rpcTimeoutMs: number;
}

/** The hub's typed configuration: built once at boot from the environment, never from process.env elsewhere. */
export class AppConfig {
  readonly env: Env['NODE_ENV'];
  readonly host: string;
  readonly port: number;
  readonly publicUrl: string | undefined;
  readonly dataDir: string;
  readonly database: DatabaseConfig;
  readonly log: { level: Env['HIVEWATCH_LOG_LEVEL']; format: 'json' | 'pretty'; file: string | undefined };
  readonly trustProxy: boolean;
  readonly secureCookies: 'auto' | 'always' | 'never';
  readonly admin: { username: string; password: string | undefined };
  readonly jwtSecret: string | undefined;
  readonly sessionTtlMs: number;
  readonly accessTokenTtlSeconds: number;
  readonly loginLimit: { maxFailures: number; windowMs: number };
  readonly runMigrations: boolean;
  readonly consoleDir: string | undefined;
  readonly pgAdminUrl: string;
  /** Minute-bucket flush period; default retention per record table (admins can change it at run time). */
  readonly records: { flushIntervalMs: number; retention: { minuteDays: number; hourlyDays: number } };
  /** How long the audit trail's companions (terminal sessions and their recordings) are kept. */
  readonly audit: { retentionDays: number };
  /** Browser and API-client streams (src/live): batching, per-socket send bound, heartbeats. */
  readonly live: {
    batchMs: number;
    browserBufferBytes: number;
    staleCloseMs: number;
    pingIntervalMs: number;
    serversRefreshMs: number;
    authRecheckMs: number;
  };
  /** The agent gateway (protocol.md §1): deadlines, limits and windows. */
  readonly agents: AgentsConfig;
  /** Alert evaluator period (src/alerts). */
  readonly alerts: { evalIntervalMs: number };
  /** Notification delivery (src/notifications): retry schedule, queue poll, timeouts, provider URLs. */
  readonly notifications: {
    retryDelaysMs: number[];
    pollIntervalMs: number;
    timeoutMs: number;
    telegramApiUrl: string;
    barkUrl: string;
  };
  /** Traffic accounting (src/traffic): how often accumulated byte counts are written. */
  readonly traffic: { flushIntervalMs: number };
  /** Single sign-on providers (src/auth/sso); empty when none is configured. */
  readonly sso: SsoConfig;

  constructor(e: Env) {
    this.env = e.NODE_ENV;
    this.host = e.HIVEWATCH_HOST;
    this.port = e.HIVEWATCH_PORT;
    this.publicUrl = e.HIVEWATCH_PUBLIC_URL?.replace(/\/+$/, '');
    this.dataDir = path.resolve(e.HIVEWATCH_DATA_DIR);
    this.database = parseDatabaseUrl(e.DATABASE_URL, this.dataDir);
    this.log = {
      level: e.HIVEWATCH_LOG_LEVEL,
      format: e.HIVEWATCH_LOG_FORMAT ?? (e.NODE_ENV === 'production' ? 'json' : 'pretty'),
      file: e.HIVEWATCH_LOG_FILE ? path.resolve(e.HIVEWATCH_LOG_FILE) : undefined,
    };
    this.trustProxy = e.HIVEWATCH_TRUST_PROXY;
    this.secureCookies =
      e.HIVEWATCH_SECURE_COOKIES === 'true'
        ? 'always'
        : e.HIVEWATCH_SECURE_COOKIES === 'false'
          ? 'never'
          : 'auto';
    this.admin = { username: e.HIVEWATCH_ADMIN_USERNAME, password: e.HIVEWATCH_ADMIN_PASSWORD };
    this.jwtSecret = e.HIVEWATCH_JWT_SECRET;
    this.sessionTtlMs = e.HIVEWATCH_SESSION_TTL_HOURS * 3_600_000;
    this.accessTokenTtlSeconds = e.HIVEWATCH_ACCESS_TOKEN_TTL_SECONDS;
    this.loginLimit = {
      maxFailures: e.HIVEWATCH_LOGIN_MAX_FAILURES,
      windowMs: e.HIVEWATCH_LOGIN_WINDOW_SECONDS * 1000,
    };
    this.runMigrations = e.HIVEWATCH_MIGRATIONS_RUN;
    this.consoleDir = e.HIVEWATCH_CONSOLE_DIR ? path.resolve(e.HIVEWATCH_CONSOLE_DIR) : undefined;
    this.pgAdminUrl = e.HIVEWATCH_PG_ADMIN_URL;
    this.records = {
      flushIntervalMs: e.HIVEWATCH_RECORDS_FLUSH_SECONDS * 1000,
      retention: {
        minuteDays: e.HIVEWATCH_RETENTION_MINUTE_DAYS,
        hourlyDays: e.HIVEWATCH_RETENTION_HOURLY_DAYS,
      },
    };
    this.audit = { retentionDays: e.HIVEWATCH_AUDIT_RETENTION_DAYS };
    this.live = {
      batchMs: e.HIVEWATCH_LIVE_BATCH_MS,
      browserBufferBytes: e.HIVEWATCH_LIVE_BROWSER_BUFFER_KB * 1024,
      staleCloseMs: e.HIVEWATCH_LIVE_STALE_CLOSE_SECONDS * 1000,
      pingIntervalMs: e.HIVEWATCH_LIVE_PING_SECONDS * 1000,
      serversRefreshMs: e.HIVEWATCH_LIVE_SERVERS_REFRESH_SECONDS * 1000,
      authRecheckMs: e.HIVEWATCH_LIVE_AUTH_RECHECK_SECONDS * 1000,
    };
    this.agents = {
      authTimeoutMs: e.HIVEWATCH_AGENT_AUTH_TIMEOUT_SECONDS * 1000,
      maxFrameBytes: e.HIVEWATCH_AGENT_MAX_FRAME_BYTES,
      authFailuresPerMinute: e.HIVEWATCH_AGENT_AUTH_FAILURES_PER_MINUTE,
      badFramesPerSecond: e.HIVEWATCH_AGENT_BAD_FRAMES_PER_SECOND,
      offlineAfterMs: e.HIVEWATCH_AGENT_OFFLINE_SECONDS * 1000,
      reconnectGraceMs: e.HIVEWATCH_AGENT_RECONNECT_GRACE_SECONDS * 1000,
      clockSkewWindowMs: e.HIVEWATCH_AGENT_CLOCK_SKEW_SECONDS * 1000,
      rpcTimeoutMs: e.HIVEWATCH_AGENT_RPC_TIMEOUT_SECONDS * 1000,
    };
    this.alerts = { evalIntervalMs: e.HIVEWATCH_ALERTS_EVAL_MS };
    this.notifications = {
      retryDelaysMs: e.HIVEWATCH_NOTIFY_RETRY_DELAYS_MS.split(',').map(Number),
      pollIntervalMs: e.HIVEWATCH_NOTIFY_POLL_MS,
      timeoutMs: e.HIVEWATCH_NOTIFY_TIMEOUT_SECONDS * 1000,
      telegramApiUrl: e.HIVEWATCH_TELEGRAM_API_URL.replace(/\/+$/, ''),
      barkUrl: e.HIVEWATCH_BARK_URL.replace(/\/+$/, ''),
    };
    this.traffic = { flushIntervalMs: e.HIVEWATCH_TRAFFIC_FLUSH_SECONDS * 1000 };
    this.sso = parseSsoConfig(e);
  }
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Validates the whole environment at once and lists every bad key, not just the first. */
export function loadConfig(source: Record<string, string | undefined>): AppConfig {
  const known = Object.fromEntries(
    Object.keys(envSchema.shape).map((k) => [k, source[k] === '' ? undefined : source[k]]),
  );
  const result = envSchema.safeParse(known);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  try {
    return new AppConfig(result.data);
  } catch (err) {
    if (err instanceof SsoConfigError) throw new ConfigError(err.problems);
    throw err;
  }
}

function parseDatabaseUrl(url: string | undefined, dataDir: string): DatabaseConfig {
  if (!url) return { type: 'sqlite', file: path.join(dataDir, 'hivewatch.db') };
  if (url.startsWith('sqlite:')) {
    const file = url.slice('sqlite:'.length).replace(/^\/\//, '');
    return { type: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  return { type: 'postgres', url };
}
