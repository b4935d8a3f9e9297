import type {
  PublicComponent,
  PublicIncident,
  PublicMaintenance,
  PublicStatusDay,
  PublicStatusPage,
} from '@hivewatch/protocol';
import { STATUS_PAGE_LIMITS } from '@hivewatch/protocol';
import { Injectable } from '@nestjs/common';
import { AlertsService } from '../../alerts/alerts.service.js';
import { Clock } from '../../common/auth/clock.js';
import { ServerCatalog } from '../../servers/server-catalog.js';
import type { Incident, IncidentUpdate } from '../entities/incident.entity.js';
import type { MaintenanceWindow } from '../entities/maintenance-window.entity.js';
import type { StatusPageComponent } from '../entities/status-page.entity.js';
import { StatusCache } from '../status-cache.js';
import { clip, mergeIntervals, type Interval } from '../uptime/intervals.js';
import { DAY_MS, dayStart, overallUptime, uptimeDays } from '../uptime/uptime.js';
import { overallState, serverState } from './component-state.js';
import { PUBLIC_LIST_MAX, StatusData, type PageData } from './status-data.js';

const RECENT_INCIDENTS_MS = 14 * DAY_MS;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What the bars and states of a page are computed from. */
interface Basis {
  data: PageData;
  now: number;
  from: number;
  outages: Map<string, Interval[]>;
  windows: MaintenanceWindow[];
}

/**
 * The public projections of a published page (JSON and HTML alike come from here). Every field is
 * copied by name from what the page lists: public names, states and figures, and the server's
 * address only where the admin chose to show it — never a server's own name, hostname or id.
 */
@Injectable()
export class PublicStatusService {
  constructor(
    private readonly data: StatusData,
    private readonly catalog: ServerCatalog,
    private readonly alerts: AlertsService,
    private readonly clock: Clock,
    private readonly cache: StatusCache,
  ) {}

  /** The page, or null when no published page has this slug. Cached ~30 s. */
  page(slug: string): Promise<PublicStatusPage | null> {
    return this.cache.get(`page:${slug}`, () => this.buildPage(slug));
  }

  /** A rendered form of the page (HTML or JSON text), cached like the page itself. */
  rendered(kind: string, slug: string, render: (p: PublicStatusPage) => string): Promise<string | null> {
    return this.cache.get(`${kind}:${slug}`, async () => {
      const page = await this.page(slug);
      return page ? render(page) : null;
    });
  }

  /** One day's drill-down (UTC, within the bars shown), or null. Cached ~30 s. */
  day(slug: string, date: string): Promise<PublicStatusDay | null> {
    if (!DATE.test(date)) return Promise.resolve(null);
    return this.cache.get(`day:${slug}/${date}`, () => this.buildDay(slug, date));
  }

  private async basis(slug: string): Promise<Basis | null> {
    const data = await this.data.published(slug);
    if (!data) return null;
    const now = this.clock.now();
    const from = dayStart(now) - (STATUS_PAGE_LIMITS.uptimeDays - 1) * DAY_MS;
    const serverIds = [...new Set(data.components.map((c) => c.serverId).filter((s): s is string => !!s))];
    const [outages, windows] = await Promise.all([
      this.data.outagesOf(serverIds, from, now),
      this.data.windowsBetween(data.page.id, from, now + 366 * DAY_MS),
    ]);
    return { data, now, from, outages, windows };
  }

  private async buildPage(slug: string): Promise<PublicStatusPage | null> {
    const b = await this.basis(slug);
    if (!b) return null;
    const { page, groups } = b.data;
    const listed = new Set(b.data.components.map((c) => c.id));
    const found = await this.data.incidentsBetween(page.id, b.now - RECENT_INCIDENTS_MS, b.now + 1);
    const incidents = found.map((f) => publicIncident(f.incident, f.updates, listed));
    const components = new Map(b.data.components.map((c) => [c.id, this.component(c, b)]));
    const maintenance = b.windows
      .filter((w) => w.endsAt.getTime() > b.now)
      .slice(0, PUBLIC_LIST_MAX)
      .map((w) => publicWindow(w, listed, b.now));
    return {
      slug: page.slug,
      title: page.title,
      logoText: page.logoText,
      description: page.description,
      state: overallState(
        [...components.values()].map((c) => c.state),
        incidents,
      ),
      generatedAt: new Date(b.now).toISOString(),
      groups: groups.map((g) => ({
        name: g.name,
        components: b.data.components.filter((c) => c.groupId === g.id).map((c) => components.get(c.id)!),
      })),
      incidents,
      maintenance,
    };
  }

  private async buildDay(slug: string, date: string): Promise<PublicStatusDay | null> {
    const b = await this.basis(slug);
    const start = Date.parse(`${date}T00:00:00Z`);
    if (!b || !Number.isFinite(start) || start < b.from || start > b.now) return null;
    const end = Math.min(start + DAY_MS, b.now);
    const listed = new Set(b.data.components.map((c) => c.id));
    const found = await this.data.incidentsBetween(b.data.page.id, start, end);
    return {
      slug: b.data.page.slug,
      title: b.data.page.title,
      logoText: b.data.page.logoText,
      date,
      components: b.data.components.map((c) => {
        const view = this.component(c, b);
        const day = view.days.find((d) => d.date === date)!;
        const outages = clip(mergeIntervals(this.outagesOfComponent(c, b)), start, end).map((o) => ({
          componentId: c.id,
          from: new Date(o.start).toISOString(),
          to: new Date(o.end).toISOString(),
          seconds: Math.round((o.end - o.start) / 1000),
          ongoing: o.end >= b.now,
        }));
        return { id: c.id, name: c.publicName, day, outages };
      }),
      incidents: found.map((f) => publicIncident(f.incident, f.updates, listed)),
      maintenance: b.windows
        .filter((w) => w.startsAt.getTime() < end && w.endsAt.getTime() > start)
        .map((w) => publicWindow(w, listed, b.now)),
    };
  }

  private component(c: StatusPageComponent, b: Basis): PublicComponent {
    const server = c.serverId ? this.catalog.get(c.serverId) : undefined;
    const windows = b.windows.filter((w) => w.componentIds.includes(c.id));
    const underMaintenance = windows.some((w) => w.startsAt.getTime() <= b.now && b.now < w.endsAt.getTime());
    const online = server ? this.catalog.isOnline(server.id) : false;
    const everSeen = server ? online || this.catalog.lastSeenAt(server.id) !== null : false;
    const criticalFiring = server
      ? this.alerts.activeAlerts(server.id).some((a) => a.state === 'firing' && a.severity === 'critical')
      : false;
    const days = uptimeDays({
      now: b.now,
      days: STATUS_PAGE_LIMITS.uptimeDays,
      observedFrom: server && everSeen ? server.createdAt.getTime() : null,
      outages: this.outagesOfComponent(c, b),
      maintenance: windows.map((w) => ({
        start: w.startsAt.getTime(),
        end: Math.min(w.endsAt.getTime(), b.now),
      })),
    });
    const address = c.showAddress ? server?.systemInfo?.['ipAddress'] : undefined;
    return {
      id: c.id,
      kind: c.kind,
      name: c.publicName,
      address: typeof address === 'string' ? address : null,
      state: serverState({ exists: !!server, online, everSeen, underMaintenance, criticalFiring }),
      uptimePercent: overallUptime(days),
      days,
    };
  }

  /** Stored outages, plus the current one when the server is offline without an open row (a hub restart). */
  private outagesOfComponent(c: StatusPageComponent, b: Basis): Interval[] {
    if (!c.serverId || !this.catalog.get(c.serverId)) return [];
    const stored = b.outages.get(c.serverId) ?? [];
    if (this.catalog.isOnline(c.serverId) || stored.some((o) => o.end >= b.now)) return stored;
    const since = this.catalog.offlineSince(c.serverId) ?? this.catalog.lastSeenAt(c.serverId);
    return since === null ? stored : [...stored, { start: since, end: b.now }];
  }
}

function publicIncident(
  i: Incident,
  updates: readonly IncidentUpdate[],
  listed: ReadonlySet<string>,
): PublicIncident {
  return {
    id: i.id,
    title: i.title,
    status: i.status,
    impact: i.impact,
    componentIds: i.componentIds.filter((id) => listed.has(id)),
    createdAt: i.createdAt.toISOString(),
    resolvedAt: i.resolvedAt?.toISOString() ?? null,
    updates: updates.map((u) => ({ status: u.status, message: u.message, at: u.at.toISOString() })),
  };
}

function publicWindow(w: MaintenanceWindow, listed: ReadonlySet<string>, now: number): PublicMaintenance {
  return {
    id: w.id,
    title: w.title,
    message: w.message,
    componentIds: w.componentIds.filter((id) => listed.has(id)),
    startsAt: w.startsAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    active: w.startsAt.getTime() <= now && now < w.endsAt.getTime(),
  };
}
