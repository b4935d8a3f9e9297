import type { PublicIncident, PublicMaintenance, PublicStatusPage, UptimeDay } from '@hivewatch/protocol';
import { esc, STATUS_CSS } from './status-style.js';

export const STATE_LABEL: Record<string, string> = {
  operational: 'Operational',
  degraded: 'Degraded performance',
  down: 'Down',
  maintenance: 'Under maintenance',
  unknown: 'No data',
};
const OVERALL_LABEL: Record<PublicStatusPage['state'], string> = {
  operational: 'All systems operational',
  degraded: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  maintenance: 'Maintenance in progress',
};

/** The frame every status page shares: one hashed stylesheet, no script. */
export function layout(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(title)}</title><style>${STATUS_CSS}</style></head>
<body><div class="wrap">${body}<footer>Powered by Hivewatch</footer></div></body></html>`;
}

export function header(p: { title: string; logoText: string; description: string }, href?: string): string {
  const logo = p.logoText ? `<span class="logo">${esc(p.logoText)}</span>` : '';
  const title = href ? `<a href="${esc(href)}">${esc(p.title)}</a>` : esc(p.title);
  const desc = p.description ? `<p class="desc">${esc(p.description)}</p>` : '';
  return `<header>${logo}<h1>${title}</h1></header>${desc}`;
}

/** `GET /status/{slug}`. */
export function statusPageHtml(p: PublicStatusPage): string {
  const base = `/status/${encodeURIComponent(p.slug)}`;
  const names = new Map(p.groups.flatMap((g) => g.components.map((c) => [c.id, c.name] as const)));
  const open = p.incidents.filter((i) => i.status !== 'resolved');
  const past = p.incidents.filter((i) => i.status === 'resolved');
  const active = p.maintenance.filter((m) => m.active);
  const upcoming = p.maintenance.filter((m) => !m.active);
  const body = [
    header(p),
    `<div class="banner s-${p.state}">${esc(OVERALL_LABEL[p.state])}</div>`,
    open.length ? card('Current incidents', open.map((i) => incidentHtml(i, names)).join('')) : '',
    active.length ? card('Maintenance in progress', active.map((m) => windowHtml(m, names)).join('')) : '',
    ...p.groups.map((g) =>
      card(
        g.name,
        g.components.length
          ? g.components
              .map(
                (c) => `<div class="comp"><div class="row"><span><span class="name">${esc(c.name)}</span>${
                  c.address ? `<span class="addr">${esc(c.address)}</span>` : ''
                }</span><span class="pill p-${c.state}">${esc(STATE_LABEL[c.state] ?? c.state)}</span></div>
<div class="bars">${c.days.map((d) => bar(d, base)).join('')}</div>
<div class="scale"><span><span class="d90">90 days ago</span><span class="d30">30 days ago</span></span><span>${
                  c.uptimePercent === null ? 'no data' : `${fmtPercent(c.uptimePercent)} uptime`
                }</span><span>Today</span></div></div>`,
              )
              .join('')
          : '<div class="empty">Nothing listed.</div>',
      ),
    ),
    upcoming.length ? card('Scheduled maintenance', upcoming.map((m) => windowHtml(m, names)).join('')) : '',
    card(
      'Past incidents (14 days)',
      past.length
        ? past.map((i) => incidentHtml(i, names)).join('')
        : '<div class="empty">No incidents reported.</div>',
    ),
    `<p class="muted">Updated ${esc(fmtTime(p.generatedAt))} · <a href="/api/v1/status/${esc(
      encodeURIComponent(p.slug),
    )}">JSON</a></p>`,
  ].join('');
  return layout(p.title, body);
}

export function card(title: string, inner: string): string {
  return `<section class="card"><h2>${esc(title)}</h2>${inner}</section>`;
}

function bar(d: UptimeDay, base: string): string {
  let cls = 'u-none';
  let text = `${d.date}: no data`;
  if (d.uptimePercent !== null) {
    const u = d.uptimePercent;
    cls = u >= 99.95 ? 'u-ok' : u >= 99 ? 'u-minor' : u >= 95 ? 'u-major' : 'u-bad';
    text = `${d.date}: ${fmtPercent(u)} uptime${d.downSeconds ? `, down ${fmtDuration(d.downSeconds)}` : ''}`;
  }
  if (d.maintenanceSeconds > 0) {
    if (cls === 'u-ok' || cls === 'u-none') cls = 'u-maint';
    text += `, maintenance ${fmtDuration(d.maintenanceSeconds)}`;
  }
  return `<a class="${cls}" href="${base}/day/${d.date}" title="${esc(text)}"></a>`;
}

export function incidentHtml(i: PublicIncident, names: ReadonlyMap<string, string>): string {
  const affected = i.componentIds.map((id) => names.get(id)).filter((n): n is string => !!n);
  const cls = i.status === 'resolved' ? 'i-resolved' : `i-${i.impact}`;
  return `<div class="inc"><h3 class="${cls}">${esc(i.title)}</h3>${
    affected.length ? `<div class="when">Affects ${esc(affected.join(', '))}</div>` : ''
  }${i.updates
    .map(
      (u) =>
        `<div class="upd"><b>${esc(u.status)}</b> — ${esc(u.message)}<div class="when">${esc(fmtTime(u.at))}</div></div>`,
    )
    .join('')}</div>`;
}

export function windowHtml(m: PublicMaintenance, names: ReadonlyMap<string, string>): string {
  const affected = m.componentIds.map((id) => names.get(id)).filter((n): n is string => !!n);
  return `<div class="inc"><h3>${esc(m.title)}</h3><div class="when">${esc(fmtTime(m.startsAt))} – ${esc(
    fmtTime(m.endsAt),
  )}${affected.length ? ` · ${esc(affected.join(', '))}` : ''}</div>${
    m.message ? `<div class="upd">${esc(m.message)}</div>` : ''
  }</div>`;
}

export function fmtPercent(v: number): string {
  return `${v === 100 ? '100' : (Math.floor(v * 100) / 100).toFixed(2)}%`;
}

export function fmtDuration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const m = Math.round(seconds / 60);
  return m < 60 ? `${m} min` : `${Math.floor(m / 60)} h ${m % 60} min`;
}

export function fmtTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}
