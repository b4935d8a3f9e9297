import { describe, expect, it } from '@jest/globals';
import { hubPublicUrl } from '../config/public-url.js';
import { buildAgentCommand } from './agent-command.js';

describe('agent command', () => {
  it("uses the configured public URL as the hub's address", () => {
    expect(hubPublicUrl('https://hub.example.com', { protocol: 'http', host: 'internal:8080' })).toBe(
      'https://hub.example.com',
    );
    expect(hubPublicUrl('http://10.0.0.5:8080/monitor/', { protocol: 'http', host: 'x' })).toBe(
      'http://10.0.0.5:8080/monitor',
    );
    expect(() => hubPublicUrl("http://h/a'b", { protocol: 'http', host: 'x' })).toThrow(/unsafe/);
  });

  it('else the request, refusing a Host header that is not a host', () => {
    expect(hubPublicUrl(undefined, { protocol: 'http', host: '127.0.0.1:8080' })).toBe(
      'http://127.0.0.1:8080',
    );
    expect(hubPublicUrl(undefined, { protocol: 'https', host: '[::1]:443' })).toBe('https://[::1]:443');
    expect(hubPublicUrl(undefined, { protocol: 'http', host: 'evil.com;rm -rf /' })).toBe('http://localhost');
    expect(hubPublicUrl(undefined, { protocol: 'http', host: undefined })).toBe('http://localhost');
  });

  it("runs the hub's install script with the credentials as assignments, in no argv", () => {
    const command = buildAgentCommand('https://h', 'id-1', 'hwa_abcdefgh_x-Y');
    expect(command).toBe(
      'HIVEWATCH_AGENT_ID=id-1 HIVEWATCH_AGENT_TOKEN=hwa_abcdefgh_x-Y sh -c "$(curl -fsSL https://h/install-agent.sh)"',
    );
    expect(command.split('hwa_abcdefgh_x-Y')).toHaveLength(2);
  });

  it('refuses credentials a shell would interpret', () => {
    expect(() => buildAgentCommand('https://h', 'id-1', "hwa_x'; rm -rf / #")).toThrow();
    expect(() => buildAgentCommand('https://h', 'id 1', 'hwa_x')).toThrow();
  });
});
