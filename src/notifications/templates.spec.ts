import { describe, expect, it } from '@jest/globals';
import type { NotificationMessage } from './message.js';
import { renderHtml, renderTemplate, renderText } from './templates.js';

const m: NotificationMessage = {
  state: 'firing',
  server: 'web "1" <prod>',
  serverId: 'sid',
  rule: 'High CPU',
  ruleId: 'rid',
  alertId: 'aid',
  severity: 'critical',
  metric: 'CPU',
  value: '93.5',
  threshold: '80',
  unit: '%',
  message: 'CPU 93.5 % > 80 % for 300 s',
  time: '2030-01-01T12:00:00.000Z',
  link: 'https://hub.example/servers/sid',
};

describe('notification templates', () => {
  it('substitutes variables, escaping for JSON bodies and leaving unknown names', () => {
    const body = renderTemplate('{"t":"{{ server }} {{value}}{{unit}} {{nope}}"}', m, 'json');
    expect(JSON.parse(body)).toEqual({ t: 'web "1" <prod> 93.5% {{nope}}' });
    expect(renderTemplate('{{state}}/{{link}}', m)).toBe('firing/https://hub.example/servers/sid');
  });

  it('plain text and escaped HTML carry the same facts', () => {
    expect(renderText(m)).toContain('[FIRING] High CPU on web "1" <prod>');
    expect(renderText(m)).toContain('Value: 93.5 % (threshold 80 %)');
    const html = renderHtml(m);
    expect(html).toContain('web &quot;1&quot; &lt;prod&gt;');
    expect(html).not.toContain('<prod>');
    expect(html).toContain('href="https://hub.example/servers/sid"');
  });
});
