// Simulated agents speaking the envelope dialect (seed 002) with realistic metrics payloads.
import WebSocket from 'ws';

export function metricsPayload(i, uptime) {
  const wave = Math.sin(Date.now() / 60_000 + i);
  return {
    cpuUsagePercent: 20 + 15 * wave + Math.random() * 5,
    ramUsagePercent: 40 + (i % 30),
    ramUsedGB: 3.2 + (i % 8) * 0.5,
    uptimeSeconds: uptime,
    normalizedLoad: { '1m': 0.4 + 0.2 * wave, '5m': 0.35, '15m': 0.3 },
    diskReadSpeedMBps: Math.random() * 4,
    diskWriteSpeedMBps: Math.random() * 2,
    diskUsage: [
      {
        device: '/dev/sda1',
        mountpoint: '/',
        fstype: 'ext4',
        totalGB: 450.5,
        usedGB: 120.1,
        usagePercent: 26.7,
      },
      {
        device: '/dev/sdb1',
        mountpoint: '/data',
        fstype: 'xfs',
        totalGB: 1800,
        usedGB: 900 + (i % 100),
        usagePercent: 50,
      },
    ],
    networkInterfaces: [
      {
        name: 'eth0',
        mac: '00:11:22:33:44:55',
        ipv4: '10.0.0.1',
        ipv6: 'fe80::1',
        uploadSpeedMbps: Math.random() * 50,
        downloadSpeedMbps: Math.random() * 120,
      },
    ],
  };
}

/** Opens one agent connection and resolves once `authenticate` succeeded. */
export function connectAgent(wsUrl, server) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false });
    const timer = setTimeout(() => reject(new Error('authenticate timed out')), 60_000);
    ws.once('open', () =>
      ws.send(
        JSON.stringify({
          type: 'request',
          id: 1,
          action: 'authenticate',
          payload: { agent_id: server.id, token: server.token },
        }),
      ),
    );
    ws.once('message', (data) => {
      clearTimeout(timer);
      const reply = JSON.parse(String(data));
      if (reply.status === 'ok' || reply.payload?.status === 'ok') resolve(ws);
      else reject(new Error(`authenticate refused: ${String(data)}`));
    });
    ws.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    // Answer the hub's requests (get-server-info on connect) as the seed-002 agent would.
    ws.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.type === 'request' && frame.action === 'get-server-info') {
        ws.send(
          JSON.stringify({
            type: 'response',
            id: frame.id,
            action: frame.action,
            payload: {
              status: 'ok',
              data: {
                hostname: `bench-${server.id.slice(0, 8)}`,
                os: 'Linux',
                architecture: 'x86_64',
                cpuCores: 2,
                cpuThreads: 4,
              },
            },
            timestamp: Date.now(),
          }),
        );
      }
    });
  });
}

/** Connects every server's agent, `concurrency` handshakes at a time; returns sockets and the rate. */
export async function connectAll(wsUrl, servers, concurrency = 200) {
  const sockets = new Array(servers.length);
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < servers.length) {
        const i = next++;
        sockets[i] = await connectAgent(wsUrl, servers[i]);
      }
    }),
  );
  return { sockets, perSecond: servers.length / ((performance.now() - started) / 1000) };
}
