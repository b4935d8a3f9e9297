export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Late samples for a minute that just ended still make it into that minute's first write. */
export const FLUSH_GRACE_MS = 5_000;
