/**
 * Value ranges and size limits of everything an agent sends (both dialects), zod-free so the agent
 * bundle and tests can share them; primitives.ts turns them into schemas, each declared once.
 * docs/protocol-limits.md explains every number. A value outside its range makes the frame a bad
 * frame with a per-field error (`payload.cpuUsagePercent: must be <= 100.5`); the only values
 * changed instead of refused are whole-host percentages in (100, 100.5], which are clamped to 100.
 */

/** Upper bound of a whole-host percentage (CPU, RAM, swap, filesystem, GPU utilisation). */
export const PERCENT_MAX = 100;
/**
 * Highest whole-host percentage accepted: agents that compute a percentage from rounded operands
 * (used ÷ total, both rounded to 2 decimals) or from counters read a few microseconds apart land a
 * hair above 100. Values in (100, 100.5] are clamped to 100; above that the frame is refused.
 */
export const PERCENT_ACCEPTED_MAX = 100.5;

/** Most logical CPUs a host may have (today's largest single-image systems have a few thousand). */
export const MAX_LOGICAL_CPUS = 16_384;
/** A process's or container's CPU share: 100 % per logical CPU it may use. */
export const CPU_SHARE_PERCENT_MAX = 100 * MAX_LOGICAL_CPUS;

/** 1 PiB in gigabytes (GB = 1024³ bytes): the largest RAM or filesystem size. */
export const SIZE_GB_MAX = 1024 * 1024;
/** 1 PiB in megabytes (MB = 1024² bytes): GPU and container memory. */
export const SIZE_MB_MAX = 1024 * 1024 * 1024;
/** Disk throughput, megabytes per second (1 TB/s: more than any array of NVMe drives today). */
export const DISK_RATE_MBPS_MAX = 1_000_000;
/** Network throughput of one interface, megabits per second (1 Tbit/s). */
export const NET_RATE_MBITPS_MAX = 1_000_000;
/** Cumulative byte counters: exact in a JavaScript number up to 2^53 − 1 (8 PiB). */
export const BYTE_COUNTER_MAX = Number.MAX_SAFE_INTEGER;
/** Load average ÷ logical CPUs; 10,000 means ten thousand runnable tasks per CPU. */
export const NORMALIZED_LOAD_MAX = 10_000;
/** Seconds since boot, process uptime: 100 years. */
export const UPTIME_SECONDS_MAX = 100 * 365.25 * 86_400;
/** Temperatures in degrees Celsius (sensors report -40..125; broken ones report -127 or 255+). */
export const TEMPERATURE_C_MIN = -100;
export const TEMPERATURE_C_MAX = 250;
/** Counts: processes, threads, TCP/UDP sockets, pids, CPU cores, log lines. */
export const COUNT_MAX = 10_000_000;
/** Sequence numbers and request ids. */
export const SEQ_MAX = Number.MAX_SAFE_INTEGER;
/**
 * Unix-millisecond timestamps: 1970 (boards without a real-time clock boot there; the hub corrects
 * agent clocks) up to 2200-01-01. A JavaScript Date ends at 8.64e15, so nothing past it is accepted.
 */
export const UNIX_MS_MIN = 0;
export const UNIX_MS_MAX = Date.UTC(2200, 0, 1);
/** Durations reported by an agent (command run time, probe latency), milliseconds: one day. */
export const DURATION_MS_MAX = 86_400_000;
/** Process exit codes: a signed or unsigned 32-bit status (Windows reports up to 0xFFFFFFFF). */
export const EXIT_CODE_MIN = -2_147_483_648;
export const EXIT_CODE_MAX = 4_294_967_295;
/** Process priority: Linux nice -20..19; psutil on Windows reports priority classes up to 256. */
export const NICE_MIN = -20;
export const NICE_MAX = 256;
/** Protocol versions an agent may announce. */
export const PROTOCOL_VERSION_MAX = 1000;

/** Filesystems per metrics sample (a host with many bind mounts and volumes stays far below). */
export const MAX_DISKS = 256;
/** Network interfaces per sample: container hosts with hundreds of veth pairs fit. */
export const MAX_INTERFACES = 512;
/** GPUs per sample. */
export const MAX_GPUS = 64;
/** Logical CPUs in one per-core list (well above the largest single hosts). */
export const MAX_CPU_CORES = 4096;
/** Watched services per sample; also the largest `watchlist` the hub sends. */
export const MAX_WATCHED_SERVICES = 256;
/** Containers in one `docker-list` or `docker-stats`. */
export const MAX_CONTAINERS = 4096;
/** Capability names an agent may announce. */
export const MAX_CAPABILITIES = 64;

/** Names: interface, fstype, GPU, service, state, container, action, ids chosen by agents. */
export const MAX_NAME_CHARS = 256;
/** Paths: block device and mountpoint (kubelet volume paths run to ~150 characters). */
export const MAX_PATH_CHARS = 512;
/** Addresses: MAC (InfiniBand: 59 characters), IPv4, IPv6 with a zone (`fe80::1%eth0`). */
export const MAX_ADDRESS_CHARS = 128;
/** Free text: a log line, an error message (journald's own line limit is 48 KiB). */
export const MAX_TEXT_CHARS = 65_536;
