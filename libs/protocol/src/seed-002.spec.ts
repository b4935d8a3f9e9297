import { describe, expect, it } from '@jest/globals';
import { authenticateRequestFrameSchema, authenticateOkReply } from './agent/authenticate.js';
import { metricsPayloadSchema } from './agent/metrics.js';
import { agentConfigRequestSchema, processRequestSchema, serviceRequestSchema } from './agent/requests.js';
import { parseResponseData, readAgentReply } from './agent/parse-frames.js';
import { unwrapProcesses, unwrapServiceLog, unwrapServices } from './agent/unwrap.js';
import { envelopeSchema, resolveResponse, responseEnvelopeSchema } from './envelope.js';

/**
 * Every JSON example of seed 002, copied verbatim (String.raw keeps the text byte for byte).
 * The seed annotates examples with `// comments` and elides with `{ ... }`; {@link seedJson} turns
 * that into the closest valid JSON by deleting the comments and reading `{ ... }` as `{}`.
 */
function seedJson(text: string): unknown {
  return JSON.parse(text.replace(/\s\/\/.*$/gm, '').replace(/\{ \.\.\. \}/g, '{}'));
}

const response = (action: string, payload: unknown) =>
  responseEnvelopeSchema.parse({ type: 'response', id: 7, action, payload });

describe('seed 002 examples parse', () => {
  it('authenticate request (shown without id or timestamp)', () => {
    const frame = seedJson(String.raw`{ "type": "request", "action": "authenticate", "payload":
{ "agent_id": "...", "token": "..." } }`);
    expect(authenticateRequestFrameSchema.parse(frame).payload).toEqual({ agent_id: '...', token: '...' });
  });

  it('authenticate success reply: our reply carries the seed shape at both levels', () => {
    const seedReply = seedJson(String.raw`{ "status": "ok" }`);
    const ours = authenticateOkReply(1, { server_id: 's1', protocol_version: 2, metrics_interval: 5 });
    expect(ours).toMatchObject(seedReply as object);
    expect(ours.payload).toMatchObject(seedReply as object);
  });

  it('message envelope, for each of the three types the seed lists', () => {
    // The seed writes `"type": "request" | "response" | "event"`; closest valid JSON: one type at a time.
    const text = String.raw`{
 "type": "request" | "response" | "event",
 "id": 12345, // Integer. Crucial for matching Response to Request.
 "action": "action_name", // String.
 "payload": { ... }, // Object. Varies by action.
 "timestamp": 1733936600000 // Integer (Unix ms).
}`;
    for (const type of ['request', 'response', 'event']) {
      const frame = seedJson(text.replace('"request" | "response" | "event"', `"${type}"`));
      expect(envelopeSchema.parse(frame)).toEqual({
        type,
        id: 12345,
        action: 'action_name',
        payload: {},
        timestamp: 1733936600000,
      });
    }
  });

  it('metrics event payload', () => {
    const payload = seedJson(String.raw`{
 "cpuUsagePercent": 12.5, // Float
 "ramUsagePercent": 45.2, // Float
 "ramUsedGB": 4.1, // Float
 "uptimeSeconds": 3600, // Integer
 "normalizedLoad": { // Object
 "1m": 0.5, "5m": 0.4, "15m": 0.2
 },
 "diskReadSpeedMBps": 1.2, // Float
 "diskWriteSpeedMBps": 0.5, // Float
 "diskUsage": [ // Array of Objects
 {
 "device": "/dev/sda1",
 "mountpoint": "/",
 "fstype": "ext4",
 "totalGB": 450.5,
 "usedGB": 20.1,
 "usagePercent": 4.5
 }
 ],
 "networkInterfaces": [ // Array of Objects
 {
 "name": "eth0",
 "mac": "00:11:22:33:44:55",
 "ipv4": "192.168.1.10",
 "ipv6": "fe80::...",
 "uploadSpeedMbps": 5.2,
 "downloadSpeedMbps": 12.4
 }
 ]
}`);
    const parsed = metricsPayloadSchema.parse(payload);
    expect(parsed).toEqual(payload);
    expect(parsed.normalizedLoad['15m']).toBe(0.2);
  });

  it('get-server-info response payload', () => {
    const payload = seedJson(String.raw`{
 "status": "ok",
 "data": {
 "hostname": "server-01",
 "ipAddress": "192.168.1.5",
 "os": "Linux",
 "osVersion": "#75-Ubuntu...",
 "kernel": "5.15.0",
 "architecture": "x86_64",
 "cpuModel": "Intel...",
 "cpuCores": 4, // Physical
 "cpuThreads": 8 // Logical
 }
}`);
    const reply = readAgentReply('get-server-info', response('get-server-info', payload));
    expect(reply).toEqual({
      kind: 'ok',
      data: expect.objectContaining({ hostname: 'server-01', cpuThreads: 8 }),
    });
  });

  it('get-services list entry, bare and wrapped', () => {
    const entry = seedJson(String.raw`{ "name": "nginx", "activeState": "active", "subState":
"running" }`);
    expect(unwrapServices([entry])).toEqual({ ok: true, value: [entry] });
    expect(unwrapServices({ services: [entry] })).toEqual({ ok: true, value: [entry] });
  });

  it('get-service / get-service-log / restart-service request payload', () => {
    const payload = seedJson(String.raw`{ "name": "service_name" }`);
    expect(serviceRequestSchema.parse(payload)).toEqual({ name: 'service_name' });
  });

  it('get-service-log line, bare and wrapped', () => {
    const line = seedJson(String.raw`{ "log": "timestamp message..." }`);
    expect(unwrapServiceLog([line])).toEqual({ ok: true, value: [line] });
    expect(unwrapServiceLog({ logs: [line] })).toEqual({ ok: true, value: [line] });
  });

  it('restart-service responses (ok and error)', () => {
    const ok = seedJson(String.raw`{ "status": "ok" }`);
    const error = seedJson(String.raw`{ "status": "error", "message": "..." }`);
    expect(readAgentReply('restart-service', response('restart-service', ok))).toEqual({
      kind: 'ok',
      data: undefined,
    });
    expect(resolveResponse(response('restart-service', error))).toEqual({ ok: false, message: '...' });
  });

  it('get-processes list entry, bare and wrapped', () => {
    const entry = seedJson(String.raw`{ "pid": 123, "name": "python", "user": "root", "status":
"running", "cpuPercent": 0.5, "memoryPercent": 1.2 }`);
    expect(unwrapProcesses([entry])).toEqual({ ok: true, value: [entry] });
    expect(unwrapProcesses({ processes: [entry] })).toEqual({ ok: true, value: [entry] });
  });

  it('get-process request payload, int and string', () => {
    expect(processRequestSchema.parse(seedJson(String.raw`{ "pid": 1234 }`))).toEqual({ pid: 1234 });
    expect(processRequestSchema.parse({ pid: '1234' })).toEqual({ pid: '1234' });
  });

  it('update-agent-config request payload', () => {
    const payload = seedJson(String.raw`{
 "metricsInterval": 10, // Integer (Seconds)
 "watchlist": ["nginx", "db"] // List of Strings
}`);
    expect(agentConfigRequestSchema.parse(payload)).toEqual({
      metricsInterval: 10,
      watchlist: ['nginx', 'db'],
    });
  });

  it('update-agent-config response', () => {
    const ok = seedJson(String.raw`{ "status": "ok" }`);
    expect(
      parseResponseData('update-agent-config', resolveResponse(response('update-agent-config', ok))),
    ).toEqual(expect.objectContaining({ ok: true }));
  });
});
