// Sends metrics frames on open sockets as fast as each socket drains, for a fixed time, and measures
// the receiver's rate from its own counter read twice while the blast is in full flow.
import { metricsPayload } from './agents.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export async function blast(sockets, seconds) {
  // Frames are serialized up front so that the sender, not the receiver, is the cheap side.
  const frames = sockets.map((_, i) =>
    Array.from({ length: 16 }, (_, k) =>
      JSON.stringify({
        type: 'event',
        action: 'metrics',
        payload: metricsPayload(i, 1000 + k),
        timestamp: Date.now(),
      }),
    ),
  );
  let sent = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    sockets.map(
      (ws, i) =>
        new Promise((resolve) => {
          const pump = () => {
            if (Date.now() >= until) return resolve();
            // A loopback socket may drain as fast as we write: bound each turn so time is checked.
            for (let n = 0; n < 200 && ws.bufferedAmount < 64 * 1024; n++) {
              ws.send(frames[i][sent & 15]);
              sent++;
            }
            setTimeout(pump, ws.bufferedAmount < 64 * 1024 ? 0 : 1);
          };
          pump();
        }),
    ),
  );
  return sent;
}

/**
 * Blasts for `seconds` and returns frames sent and the receiver's rate per second, from
 * `readCount()` (the receiver's own counter) read 2 s in and 1 s before the end.
 */
export async function measuredBlast(sockets, seconds, readCount) {
  const done = blast(sockets, seconds);
  await sleep(2000);
  const c0 = await readCount();
  const t0 = performance.now();
  await sleep((seconds - 3) * 1000);
  const c1 = await readCount();
  const t1 = performance.now();
  return { sent: await done, perSecond: (c1 - c0) / ((t1 - t0) / 1000) };
}
