import { formatIssues, terminalBrowserFrameSchema, type TerminalBrowserFrame } from '@hivewatch/protocol';
import type { RawData } from 'ws';

export type ParsedBrowserFrame = { ok: true; frame: TerminalBrowserFrame } | { ok: false; message: string };

/** One browser frame through `terminalBrowserFrameSchema`; the message never repeats input values. */
export function parseBrowserFrame(data: RawData, isBinary: boolean): ParsedBrowserFrame {
  if (isBinary) return { ok: false, message: 'binary frames are not accepted; send JSON text' };
  const text = Buffer.isBuffer(data)
    ? data.toString('utf8')
    : Array.isArray(data)
      ? Buffer.concat(data).toString('utf8')
      : Buffer.from(data).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, message: 'invalid JSON' };
  }
  const parsed = terminalBrowserFrameSchema.safeParse(value);
  return parsed.success
    ? { ok: true, frame: parsed.data }
    : { ok: false, message: formatIssues(parsed.error) };
}
