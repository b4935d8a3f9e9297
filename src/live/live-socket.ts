import type { ApiClientFrame, BrowserFrame } from '@hivewatch/protocol';
import { WebSocket } from 'ws';

/**
 * Typed, pre-encoded frames: a frame is serialized once and the same bytes go to every socket that
 * receives it (ws frames a Buffer without copying it).
 */
export type EncodedFrame = Buffer & { readonly __frame: unique symbol };

export function encodeBrowserFrame(frame: BrowserFrame): EncodedFrame {
  return Buffer.from(JSON.stringify(frame)) as EncodedFrame;
}

export function encodeApiFrame(frame: ApiClientFrame): EncodedFrame {
  return Buffer.from(JSON.stringify(frame)) as EncodedFrame;
}

/** Queues a text frame without waiting; a socket that is not open is skipped. */
export function sendFrame(ws: WebSocket, data: EncodedFrame): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(data, { binary: false });
}

/** Sends a seed-001 `error` frame. */
export function sendApiError(ws: WebSocket, message: string): void {
  sendFrame(ws, encodeApiFrame({ type: 'error', message }));
}
