// Sends metrics frames on open sockets as fast as each socket drains, for a fixed time.
import { metricsPayload } from './agents.mjs';

export async function blast(sockets, seconds) {
  const frame = (i) =>
    JSON.stringify({
      type: 'event',
      action: 'metrics',
      payload: metricsPayload(i, 1000 + i),
      timestamp: Date.now(),
    });
  let sent = 0;
  const until = Date.now() + seconds * 1000;
  await Promise.all(
    sockets.map(
      (ws, i) =>
        new Promise((resolve) => {
          const pump = () => {
            if (Date.now() >= until) return resolve();
            while (ws.bufferedAmount < 64 * 1024) {
              ws.send(frame(i));
              sent++;
            }
            setTimeout(pump, 1);
          };
          pump();
        }),
    ),
  );
  return sent;
}
