import { TEMPLATE_VARIABLES, type NotificationMessage } from './message.js';

export type Escape = 'none' | 'json' | 'html';

function escapeValue(value: string, escape: Escape): string {
  switch (escape) {
    case 'none':
      return value;
    case 'json':
      // inside a JSON string literal: the template supplies the quotes
      return JSON.stringify(value).slice(1, -1);
    case 'html':
      return value
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
  }
}

const VARIABLE = /\{\{\s*([a-zA-Z]+)\s*\}\}/g;
const KNOWN = new Set<string>(TEMPLATE_VARIABLES);

/** Replaces `{{name}}` with the message's field; unknown names are left as written. */
export function renderTemplate(template: string, m: NotificationMessage, escape: Escape = 'none'): string {
  return template.replace(VARIABLE, (whole, name: string) =>
    KNOWN.has(name) ? escapeValue(m[name as keyof NotificationMessage], escape) : whole,
  );
}

const STATE_LABEL: Record<NotificationMessage['state'], string> = {
  firing: 'FIRING',
  resolved: 'RESOLVED',
  test: 'TEST',
};

/** Subject / title line. */
export function renderTitle(m: NotificationMessage): string {
  if (m.state === 'test') return `[TEST] Hivewatch notification test: ${m.rule}`;
  return `[${STATE_LABEL[m.state]}] ${m.rule} on ${m.server}`;
}

/** The plain-text body (Telegram, Bark, e-mail text part). */
export function renderText(m: NotificationMessage): string {
  if (m.state === 'test')
    return `This is a test notification from Hivewatch (channel ${m.rule}).\nTime: ${m.time}`;
  const lines = [
    renderTitle(m),
    m.message,
    `Server: ${m.server}`,
    `Rule: ${m.rule} (${m.severity})`,
    `Value: ${m.value} ${m.unit}`.trimEnd() +
      (m.threshold ? ` (threshold ${m.threshold} ${m.unit})`.trimEnd() : ''),
    `Time: ${m.time}`,
  ];
  if (m.link) lines.push(`Console: ${m.link}`);
  return lines.join('\n');
}

/** The e-mail HTML body: the same facts as the text, escaped. */
export function renderHtml(m: NotificationMessage): string {
  const e = (v: string) => escapeValue(v, 'html');
  const color = m.state === 'resolved' ? '#2e7d32' : m.state === 'firing' ? '#c62828' : '#1565c0';
  const rows: [string, string][] =
    m.state === 'test'
      ? [['Time', m.time]]
      : [
          ['Server', m.server],
          ['Rule', `${m.rule} (${m.severity})`],
          ['Metric', m.metric],
          ['Value', `${m.value} ${m.unit}`],
          ['Threshold', m.threshold ? `${m.threshold} ${m.unit}` : '—'],
          ['Time', m.time],
        ];
  const table = rows.map(([k, v]) => `<tr><th align="left">${e(k)}</th><td>${e(v)}</td></tr>`).join('');
  const link = m.link ? `<p><a href="${e(m.link)}">Open in the console</a></p>` : '';
  return (
    `<!doctype html><html><body style="font-family:sans-serif">` +
    `<h2 style="color:${color}">${e(renderTitle(m))}</h2>` +
    (m.state === 'test' ? '' : `<p>${e(m.message)}</p>`) +
    `<table cellpadding="4">${table}</table>${link}</body></html>`
  );
}

/** The default webhook body: a JSON object of every variable. */
export function defaultWebhookBody(m: NotificationMessage): string {
  return JSON.stringify({ ...m, title: renderTitle(m), text: renderText(m) });
}
