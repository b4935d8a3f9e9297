/**
 * Numbers and paths that both ends of the wire must agree on. Durations carry their unit in the name.
 * Close codes, capabilities and verbatim error strings live in their own files beside this one.
 */

/** Protocol version spoken by our own agent; seed-002 agents send none and are treated as version 1. */
export const PROTOCOL_VERSION = 2;

/** Version assumed for an agent whose authenticate payload carries no `protocol_version` (the seed-002 agent). */
export const SEED_PROTOCOL_VERSION = 1;

/** Agent WebSocket endpoint (both dialects). */
export const AGENT_WS_PATH = '/api/v1/agents/ws';
/** Console (browser) stream endpoint. */
export const BROWSER_WS_PATH = '/api/v1/ws';
/** API-client metrics stream; append `/{server_id}`. */
export const API_METRICS_WS_PATH_PREFIX = '/api/v1/ws/metrics';
/** API-client logs stream; append `/{server_id}`. */
export const API_LOGS_WS_PATH_PREFIX = '/api/v1/ws/logs';
/** Console terminal stream; append `/{server_id}`. */
export const TERMINAL_WS_PATH_PREFIX = '/api/v1/ws/terminal';

/** Default interval between two `metrics` events, in seconds (seed 002: "Default 5s"). */
export const DEFAULT_METRICS_INTERVAL_SECONDS = 5;
/** Lowest `metricsInterval` accepted by `update-agent-config` (seed 002). */
export const MIN_METRICS_INTERVAL_SECONDS = 0;
/** Highest `metricsInterval` accepted by `update-agent-config` (seed 002). */
export const MAX_METRICS_INTERVAL_SECONDS = 3600;

/** Largest accepted frame (1 MiB); a bigger one closes the connection with {@link CloseCode.MessageTooBig}. */
export const MAX_FRAME_BYTES = 1024 * 1024;

/** A connection must authenticate within this time or is closed with {@link CloseCode.AuthTimeout}. */
export const AUTH_DEADLINE_MS = 10_000;
/** The hub sends a WebSocket ping this often. */
export const HUB_PING_INTERVAL_MS = 20_000;
/** The hub drops a connection from which nothing (pong or frame) arrived for this long. */
export const HUB_DROP_AFTER_MS = 45_000;
/** Our agent treats this long without any frame from the hub as a dead link and reconnects. */
export const AGENT_DEAD_LINK_MS = 60_000;

/** Default timeout of a hub → agent request (configurable per action). */
export const DEFAULT_RPC_TIMEOUT_MS = 30_000;

/** Lifetime of an entry in the agent's response cache (keyed by request id). */
export const RESPONSE_CACHE_TTL_MS = 10 * 60_000;
/** Maximum number of entries in the agent's response cache. */
export const RESPONSE_CACHE_MAX_ENTRIES = 1000;

/** At most one `update` frame per browser per this many milliseconds. */
export const BROWSER_UPDATE_BATCH_MS = 500;

/** How much history our agent keeps in its outbox while disconnected (1 hour). */
export const OUTBOX_RETENTION_MS = 60 * 60_000;

/** `get-service-log` returns at most this many lines (seed 002). */
export const SERVICE_LOG_MAX_LINES = 1000;
