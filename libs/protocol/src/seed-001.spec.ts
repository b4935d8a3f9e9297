import { describe, expect, it } from '@jest/globals';
import { apiClientAuthSchema, apiClientFrameSchema } from './api-client.js';
import { detectDialect } from './first-frame.js';
import { WireMessage } from './messages.js';
import { simpleAgentFrameSchema, simpleHubFrameSchema } from './simple-dialect.js';

/**
 * Every JSON example of seed 001, copied verbatim. The seed elides with `[...]` (read as `[]`) and with a
 * `...` line after the last listed field (dropped, with the comma before it): the closest valid JSON.
 */
function seedJson(text: string): unknown {
  return JSON.parse(text.replace(/\[\.\.\.\]/g, '[]').replace(/,\s*\n\s*\.\.\.\s*\n/g, '\n'));
}

describe('seed 001 agent examples parse', () => {
  it('auth', () => {
    const frame = seedJson(String.raw`{
      "type": "auth",
      "api_key": "your-api-key-here"
    }`);
    expect(simpleAgentFrameSchema.parse(frame)).toEqual({ type: 'auth', api_key: 'your-api-key-here' });
    expect(detectDialect(frame)).toBe('simple');
  });

  it('auth_success', () => {
    const frame = seedJson(String.raw`{
      "type": "auth_success",
      "server_id": "uuid",
      "message": "Connected successfully"
    }`);
    expect(simpleHubFrameSchema.parse(frame)).toEqual(frame);
  });

  it('metrics (disk_usage and network elided as [...])', () => {
    const frame = seedJson(String.raw`{
  "type": "metrics",
  "server_id": "uuid",
  "cpu_percent": 45.2,
  "memory_percent": 62.5,
  "disk_usage": [...],
  "network": [...],
  "timestamp": "2024-01-01T00:00:00Z"
}`);
    expect(simpleAgentFrameSchema.parse(frame)).toEqual(frame);
  });

  it('command', () => {
    const frame = seedJson(String.raw`{
  "type": "command",
  "command_id": "uuid",
  "command": "ls -la"
}`);
    expect(simpleHubFrameSchema.parse(frame)).toEqual(frame);
  });

  it('command_response', () => {
    const frame = seedJson(String.raw`{
  "type": "command_response",
  "command_id": "uuid",
  "output": "total 100\n...",
  "exit_code": 0,
  "duration_ms": 150
}`);
    expect(simpleAgentFrameSchema.parse(frame)).toEqual({ ...(frame as object), output: 'total 100\n...' });
  });

  it('docker_command', () => {
    const frame = seedJson(String.raw`{
  "type": "docker_command",
  "command_id": "uuid",
  "action": "start",
  "container_id": "container-id"
}`);
    expect(simpleHubFrameSchema.parse(frame)).toEqual(frame);
  });

  it('docker_response', () => {
    const frame = seedJson(String.raw`{
  "type": "docker_response",
  "command_id": "uuid",
  "success": true,
  "message": "Container started"
}`);
    expect(simpleAgentFrameSchema.parse(frame)).toEqual(frame);
  });

  it('error frames (auth failed, invalid message)', () => {
    const authFailed = seedJson(String.raw`{
  "type": "error",
  "message": "Invalid or inactive API key"
}`);
    const invalid = seedJson(String.raw`{
  "type": "error",
  "message": "Invalid message format"
}`);
    expect(simpleHubFrameSchema.parse(authFailed)).toEqual({
      type: 'error',
      message: WireMessage.InvalidApiKey,
    });
    expect(simpleHubFrameSchema.parse(invalid)).toEqual({
      type: 'error',
      message: WireMessage.InvalidMessageFormat,
    });
    expect(apiClientFrameSchema.parse(invalid)).toEqual(invalid);
  });
});

describe('seed 001 API-client examples parse', () => {
  it('auth with a token (metrics and logs streams show the same frame)', () => {
    const frame = seedJson(String.raw`{
      "type": "auth",
      "token": "jwt-access-token"
    }`);
    expect(apiClientAuthSchema.parse(frame)).toEqual(frame);
  });

  it('metrics update (trailing `...` dropped)', () => {
    const frame = seedJson(String.raw`{
      "type": "metrics",
      "data": {
        "cpu_percent": 45.2,
        "memory_percent": 62.5,
        ...
      }
    }`);
    expect(apiClientFrameSchema.parse(frame)).toEqual({
      type: 'metrics',
      data: { cpu_percent: 45.2, memory_percent: 62.5 },
    });
  });

  it('log entry', () => {
    const frame = seedJson(String.raw`{
      "type": "log",
      "data": {
        "level": "INFO",
        "message": "Log message",
        "timestamp": "2024-01-01T00:00:00Z"
      }
    }`);
    expect(apiClientFrameSchema.parse(frame)).toEqual(frame);
  });
});
