import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * Every environment variable the hub reads, with its default. `.env.example` and the README list
 * the same keys; a test keeps the three in step.
 */
export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HIVEWATCH_HOST: z.string().min(1).default('0.0.0.0'),
  HIVEWATCH_PORT: int(0, 65535).default(8080),
  HIVEWATCH_PUBLIC_URL: z.url().optional(),
  HIVEWATCH_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(
      /^(sqlite:|postgres:\/\/|postgresql:\/\/)/,
      'must start with sqlite:, postgres:// or postgresql://',
    )
    .optional(),
  HIVEWATCH_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HIVEWATCH_LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  HIVEWATCH_LOG_FILE: z.string().optional(),
  HIVEWATCH_TRUST_PROXY: bool.default(false),
  HIVEWATCH_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  HIVEWATCH_ADMIN_USERNAME: z
    .string()
    .regex(/^[a-zA-Z0-9._-]{1,64}$/)
    .default('admin'),
  HIVEWATCH_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  HIVEWATCH_JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  HIVEWATCH_SESSION_TTL_HOURS: int(1, 24 * 365).default(24),
  HIVEWATCH_ACCESS_TOKEN_TTL_SECONDS: int(60, 86_400).default(900),
  HIVEWATCH_LOGIN_MAX_FAILURES: int(1, 1000).default(5),
  HIVEWATCH_LOGIN_WINDOW_SECONDS: int(1, 86_400).default(900),
  HIVEWATCH_MIGRATIONS_RUN: bool.default(true),
  HIVEWATCH_CONSOLE_DIR: z.string().optional(),
  HIVEWATCH_RECORDS_FLUSH_SECONDS: int(1, 600).default(60),
  HIVEWATCH_RETENTION_MINUTE_DAYS: int(1, 366).default(7),
  HIVEWATCH_RETENTION_HOURLY_DAYS: int(1, 3660).default(400),
  HIVEWATCH_AUDIT_RETENTION_DAYS: int(1, 36_600).default(400),
  HIVEWATCH_AGENT_AUTH_TIMEOUT_SECONDS: int(1, 300).default(10),
  HIVEWATCH_AGENT_MAX_FRAME_BYTES: int(1024, 64 * 1024 * 1024).default(1024 * 1024),
  HIVEWATCH_AGENT_AUTH_FAILURES_PER_MINUTE: int(1, 100_000).default(20),
  HIVEWATCH_AGENT_BAD_FRAMES_PER_SECOND: int(1, 100_000).default(50),
  HIVEWATCH_AGENT_OFFLINE_SECONDS: int(1, 3600).default(30),
  HIVEWATCH_AGENT_RECONNECT_GRACE_SECONDS: int(0, 600).default(5),
  HIVEWATCH_AGENT_CLOCK_SKEW_SECONDS: int(1, 86_400).default(60),
  HIVEWATCH_AGENT_RPC_TIMEOUT_SECONDS: int(1, 3600).default(30),
  HIVEWATCH_LIVE_BATCH_MS: int(50, 60_000).default(500),
  HIVEWATCH_LIVE_BROWSER_BUFFER_KB: int(16, 1_048_576).default(1024),
  HIVEWATCH_LIVE_STALE_CLOSE_SECONDS: int(1, 3600).default(60),
  HIVEWATCH_LIVE_PING_SECONDS: int(1, 3600).default(30),
  HIVEWATCH_LIVE_SERVERS_REFRESH_SECONDS: int(1, 3600).default(5),
  HIVEWATCH_LIVE_AUTH_RECHECK_SECONDS: int(1, 3600).default(60),
  HIVEWATCH_ALERTS_EVAL_MS: int(50, 600_000).default(10_000),
  HIVEWATCH_NOTIFY_RETRY_DELAYS_MS: z
    .string()
    .regex(/^\d+(,\d+)*$/, 'must be a comma-separated list of milliseconds')
    .default('30000,90000,240000,540000'),
  HIVEWATCH_NOTIFY_POLL_MS: int(50, 60_000).default(1000),
  HIVEWATCH_NOTIFY_TIMEOUT_SECONDS: int(1, 300).default(10),
  HIVEWATCH_TELEGRAM_API_URL: z.url().default('https://api.telegram.org'),
  HIVEWATCH_BARK_URL: z.url().default('https://api.day.app'),
  HIVEWATCH_TRAFFIC_FLUSH_SECONDS: int(1, 3600).default(60),
  // Single sign-on (README, "Single sign-on"): a provider is on when its client id is set.
  HIVEWATCH_OIDC_ID: z
    .string()
    .regex(/^[a-z0-9-]{1,32}$/, 'must be 1-32 lowercase letters, digits or dashes')
    .refine((v) => v !== 'google' && v !== 'github', 'google and github are taken by their presets')
    .default('oidc'),
  HIVEWATCH_OIDC_NAME: z.string().min(1).max(64).default('Single sign-on'),
  HIVEWATCH_OIDC_ISSUER: z.url().optional(),
  HIVEWATCH_OIDC_CLIENT_ID: z.string().min(1).max(512).optional(),
  HIVEWATCH_OIDC_CLIENT_SECRET: z.string().min(1).max(1024).optional(),
  HIVEWATCH_OIDC_SCOPES: z.string().min(1).max(512).default('openid email profile'),
  HIVEWATCH_OIDC_GROUPS_CLAIM: z.string().min(1).max(128).default('groups'),
  HIVEWATCH_OIDC_ADMIN_GROUPS: z.string().max(4096).optional(),
  HIVEWATCH_OIDC_USER_GROUPS: z.string().max(4096).optional(),
  HIVEWATCH_GOOGLE_CLIENT_ID: z.string().min(1).max(512).optional(),
  HIVEWATCH_GOOGLE_CLIENT_SECRET: z.string().min(1).max(1024).optional(),
  HIVEWATCH_GOOGLE_HOSTED_DOMAIN: z.string().max(253).optional(),
  HIVEWATCH_GOOGLE_ISSUER: z.url().default('https://accounts.google.com'),
  HIVEWATCH_GITHUB_CLIENT_ID: z.string().min(1).max(512).optional(),
  HIVEWATCH_GITHUB_CLIENT_SECRET: z.string().min(1).max(1024).optional(),
  HIVEWATCH_GITHUB_ORGS: z.string().max(4096).optional(),
  HIVEWATCH_GITHUB_ADMIN_TEAMS: z.string().max(4096).optional(),
  HIVEWATCH_GITHUB_USER_TEAMS: z.string().max(4096).optional(),
  HIVEWATCH_GITHUB_WEB_URL: z.url().default('https://github.com'),
  HIVEWATCH_GITHUB_API_URL: z.url().default('https://api.github.com'),
  /** Only for the migration tooling: where `generate`/`check` create throw-away PostgreSQL databases. */
  HIVEWATCH_PG_ADMIN_URL: z.string().default('postgres://postgres@127.0.0.1:5432/postgres'),
});

export type Env = z.infer<typeof envSchema>;
