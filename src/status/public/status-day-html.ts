import type { PublicStatusDay } from '@hivewatch/protocol';
import { card, fmtDuration, fmtPercent, header, incidentHtml, layout, windowHtml } from './status-html.js';
import { esc } from './status-style.js';

/** `GET /status/{slug}/day/{date}`: uptime, outages and incidents of one UTC day. */
export function statusDayHtml(d: PublicStatusDay): string {
  const base = `/status/${encodeURIComponent(d.slug)}`;
  const names = new Map(d.components.map((c) => [c.id, c.name] as const));
  const rows = d.components
    .map((c) => {
      const outages = c.outages.length
        ? c.outages
            .map(
              (o) => `${clock(o.from)} – ${o.ongoing ? 'ongoing' : clock(o.to)} (${fmtDuration(o.seconds)})`,
            )
            .join('<br>')
        : '<span class="muted">none</span>';
      const up = c.day.uptimePercent === null ? 'no data' : fmtPercent(c.day.uptimePercent);
      return `<tr><td class="name">${esc(c.name)}</td><td>${up}</td><td>${outages}</td></tr>`;
    })
    .join('');
  const body = [
    header({ title: d.title, logoText: d.logoText, description: '' }, base),
    `<p class="desc">${esc(d.date)} (UTC) · <a href="${base}">back to the status page</a></p>`,
    card(
      'Uptime and outages',
      `<table><tr><th>Component</th><th>Uptime</th><th>Outages</th></tr>${rows}</table>`,
    ),
    card(
      'Incidents',
      d.incidents.length
        ? d.incidents.map((i) => incidentHtml(i, names)).join('')
        : '<div class="empty">No incidents on this day.</div>',
    ),
    d.maintenance.length ? card('Maintenance', d.maintenance.map((m) => windowHtml(m, names)).join('')) : '',
  ].join('');
  return layout(`${d.title} · ${d.date}`, body);
}

/** `HH:MM:SS UTC` of an ISO time. */
function clock(iso: string): string {
  return `${esc(iso.slice(11, 19))} UTC`;
}

/** The one answer for an unknown or unpublished page (no existence oracle). */
export const NOT_FOUND_HTML = layout(
  'Not found',
  '<h1>Not found</h1><p class="desc">There is no status page here.</p>',
);
