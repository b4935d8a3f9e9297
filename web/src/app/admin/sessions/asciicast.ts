/** One event of an asciicast v2 recording the player acts on. */
export type CastEvent =
  { time: number; kind: 'o'; data: string } | { time: number; kind: 'r'; cols: number; rows: number };

export interface Cast {
  cols: number;
  rows: number;
  /** Seconds; gaps longer than this are shortened to it (the header's `idle_time_limit`). */
  idleLimit: number | null;
  events: CastEvent[];
  /** Seconds from the start to the last event (after idle shortening). */
  duration: number;
}

/** The most events a recording may hold before the player refuses it. */
export const CAST_MAX_EVENTS = 2_000_000;

export class CastParseError extends Error {}

function positiveInt(v: unknown, max: number): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= max ? v : null;
}

/**
 * Parses an asciicast v2 file (https://docs.asciinema.org/manual/asciicast/v2/): a JSON header line,
 * then one `[time, code, data]` array a line. Output (`o`) and resize (`r`) events are kept; input,
 * markers and unknown codes are skipped. Bad lines fail with their line number.
 */
export function parseAsciicast(text: string): Cast {
  const lines = text.split('\n');
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(lines[0] ?? '') as Record<string, unknown>;
  } catch {
    throw new CastParseError('Line 1: not a JSON header.');
  }
  if (typeof header !== 'object' || header === null || header['version'] !== 2) {
    throw new CastParseError('Line 1: not an asciicast version 2 header.');
  }
  const cols = positiveInt(header['width'], 1000);
  const rows = positiveInt(header['height'], 500);
  if (cols === null || rows === null) throw new CastParseError('Line 1: width and height must be positive.');
  const limit = header['idle_time_limit'];
  const idleLimit = typeof limit === 'number' && Number.isFinite(limit) && limit > 0 ? limit : null;

  const events: CastEvent[] = [];
  let last = 0; // raw time of the previous event
  let at = 0; // played time of the previous event (idle gaps shortened)
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (!line) continue;
    const event = parseEvent(line, i + 1);
    if (!event) continue;
    const gap = Math.max(0, event.time - last);
    last = Math.max(last, event.time);
    at += idleLimit === null ? gap : Math.min(gap, idleLimit);
    events.push({ ...event, time: at });
    if (events.length > CAST_MAX_EVENTS) throw new CastParseError('The recording has too many events.');
  }
  return { cols, rows, idleLimit, events, duration: at };
}

function parseEvent(line: string, n: number): CastEvent | null {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new CastParseError(`Line ${n}: not JSON.`);
  }
  if (!Array.isArray(value) || value.length < 3) throw new CastParseError(`Line ${n}: not an event.`);
  const [time, code, data] = value as unknown[];
  if (typeof time !== 'number' || !Number.isFinite(time) || time < 0) {
    throw new CastParseError(`Line ${n}: the time must be a number of seconds.`);
  }
  if (typeof code !== 'string' || typeof data !== 'string') {
    throw new CastParseError(`Line ${n}: the code and data must be strings.`);
  }
  if (code === 'o') return { time, kind: 'o', data };
  if (code === 'r') {
    const m = /^(\d{1,4})x(\d{1,4})$/.exec(data);
    const cols = positiveInt(Number(m?.[1]), 1000);
    const rows = positiveInt(Number(m?.[2]), 500);
    if (cols === null || rows === null) throw new CastParseError(`Line ${n}: a resize must be COLSxROWS.`);
    return { time, kind: 'r', cols, rows };
  }
  return null;
}
