import type { IncidentView, MaintenanceView, StatusPageDetail, StatusPageSummary } from '@hivewatch/protocol';
import type { Incident, IncidentUpdate } from '../entities/incident.entity.js';
import type { MaintenanceWindow } from '../entities/maintenance-window.entity.js';
import type { StatusPage, StatusPageComponent, StatusPageGroup } from '../entities/status-page.entity.js';

/** The admin's view of a page with its groups and components (server names included: admins only). */
export function pageDetail(
  page: StatusPage,
  groups: readonly StatusPageGroup[],
  components: readonly StatusPageComponent[],
  serverName: (id: string) => string | null,
): StatusPageDetail {
  return {
    id: page.id,
    slug: page.slug,
    title: page.title,
    logoText: page.logoText,
    description: page.description,
    published: page.published,
    publicPath: `/status/${page.slug}`,
    groups: [...groups]
      .sort((a, b) => a.position - b.position)
      .map((g) => ({
        id: g.id,
        name: g.name,
        position: g.position,
        components: components
          .filter((c) => c.groupId === g.id)
          .sort((a, b) => a.position - b.position)
          .map((c) => ({
            id: c.id,
            kind: c.kind,
            serverId: c.serverId ?? '',
            serverName: c.serverId ? serverName(c.serverId) : null,
            publicName: c.publicName,
            showAddress: c.showAddress,
            position: c.position,
          })),
      })),
    createdAt: page.createdAt.toISOString(),
    updatedAt: page.updatedAt.toISOString(),
  };
}

export function pageSummary(
  page: StatusPage,
  componentCount: number,
  activeIncidents: number,
): StatusPageSummary {
  return {
    id: page.id,
    slug: page.slug,
    title: page.title,
    published: page.published,
    componentCount,
    activeIncidents,
    createdAt: page.createdAt.toISOString(),
    updatedAt: page.updatedAt.toISOString(),
  };
}

export function incidentView(incident: Incident, updates: readonly IncidentUpdate[]): IncidentView {
  return {
    id: incident.id,
    pageId: incident.pageId,
    title: incident.title,
    status: incident.status,
    impact: incident.impact,
    componentIds: [...incident.componentIds],
    createdAt: incident.createdAt.toISOString(),
    resolvedAt: incident.resolvedAt?.toISOString() ?? null,
    updates: [...updates]
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .map((u) => ({
        id: u.id,
        status: u.status,
        message: u.message,
        at: u.at.toISOString(),
        authorId: u.authorId,
      })),
  };
}

export function maintenanceView(w: MaintenanceWindow): MaintenanceView {
  return {
    id: w.id,
    pageId: w.pageId,
    title: w.title,
    message: w.message,
    componentIds: [...w.componentIds],
    startsAt: w.startsAt.toISOString(),
    endsAt: w.endsAt.toISOString(),
    createdBy: w.createdBy,
    createdAt: w.createdAt.toISOString(),
  };
}
