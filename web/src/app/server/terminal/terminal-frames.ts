import {
  TERMINAL_DATA_MAX_BYTES,
  TERMINAL_WINDOW_MAX_BYTES,
  type TerminalHubFrame,
} from '@hivewatch/protocol';
import { endReasonText } from '../../shared/terminal-end-reasons';

/** The most one `input` frame may carry (decoded). */
export const INPUT_CHUNK_BYTES = TERMINAL_DATA_MAX_BYTES;
/** The most one `credit` frame may grant. */
export const CREDIT_MAX_BYTES = TERMINAL_WINDOW_MAX_BYTES;

const encoder = new TextEncoder();

export function bytesToBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(text);
}

export function base64ToBytes(data: string): Uint8Array {
  const text = atob(data);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/**
 * What the user typed or pasted, as UTF-8 in base64 chunks of at most 64 KiB decoded each (a large
 * paste becomes several `input` frames). A chunk never ends inside a UTF-8 sequence.
 */
export function inputChunks(text: string, max = INPUT_CHUNK_BYTES): string[] {
  return splitBytes(encoder.encode(text), max).map(bytesToBase64);
}

/** xterm's `onBinary` (mouse reports in X10 mode): one byte per character. */
export function binaryChunks(text: string, max = INPUT_CHUNK_BYTES): string[] {
  const bytes = Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
  return splitBytes(bytes, max).map(bytesToBase64);
}

function splitBytes(bytes: Uint8Array, max: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + max, bytes.length);
    // back off from a continuation byte (10xxxxxx) so a character is not cut in two
    if (end < bytes.length) {
      let cut = end;
      while (cut > start && (bytes[cut] & 0xc0) === 0x80) cut--;
      if (cut > start) end = cut;
    }
    chunks.push(bytes.subarray(start, end));
    start = end;
  }
  return chunks;
}

type ExitFrame = Extract<TerminalHubFrame, { type: 'exit' }>;

/** "Session ended: idle timeout", "Session ended: the shell exited (exit code 1)". */
export function exitMessage(frame: Pick<ExitFrame, 'reason' | 'exitCode' | 'signal'>): string {
  let text = `Session ended: ${endReasonText(frame.reason)}`;
  if (frame.reason === 'exited') {
    if (frame.signal) text += ` (signal ${frame.signal})`;
    else if (frame.exitCode !== null && frame.exitCode !== 0) text += ` (exit code ${frame.exitCode})`;
  }
  return text;
}
