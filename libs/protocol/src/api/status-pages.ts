import { z } from 'zod';
import { dateInput, limitParam, nameInput, wireTimeSchema } from './common.js';

/**
 * Public status pages (src/status, docs/status-pages.md). An admin composes a page of groups of
 * components; a component is a server today (`kind: 'server'`), other kinds (probes) join the
 * discriminated unions later. The public side (`/status/{slug}`, `/api/v1/status/{slug}`) shows
 * only what a page lists, under the names given here.
 */

export const STATUS_SLUG_PATTERN = /^[a-z0-9-]{1,64}$/;
export const STATUS_PAGE_LIMITS = {
  groups: 20,
  components: 200,
  title: 100,
  logoText: 40,
  description: 1000,
  groupName: 100,
  publicName: 100,
  incidentTitle: 200,
  message: 5000,
  /** Components an incident or a maintenance window names. */
  affected: 200,
  /** Longest maintenance window. */
  maintenanceDays: 31,
  /** Days of uptime bars on the public page. */
  uptimeDays: 90,
} as const;

export const statusSlugSchema = z
  .string()
  .regex(STATUS_SLUG_PATTERN, 'slug must be 1-64 characters of a-z, 0-9 and "-"');

/** A component's current state on the public page. */
export const componentStateSchema = z.enum(['operational', 'degraded', 'down', 'maintenance', 'unknown']);
export type ComponentState = z.infer<typeof componentStateSchema>;

/** The page's headline: the worst of its components. */
export const overallStateSchema = z.enum([
  'operational',
  'degraded',
  'partial_outage',
  'major_outage',
  'maintenance',
]);
export type OverallState = z.infer<typeof overallStateSchema>;

export const incidentStatusSchema = z.enum(['investigating', 'identified', 'monitoring', 'resolved']);
export type IncidentStatus = z.infer<typeof incidentStatusSchema>;
export const incidentImpactSchema = z.enum(['none', 'minor', 'major', 'critical']);
export type IncidentImpact = z.infer<typeof incidentImpactSchema>;

// ---------------------------------------------------------------- admin: pages, groups, components

/** Fields every component kind has. `id` keeps a component (and incidents naming it) across a PUT. */
const componentBase = z.object({
  id: z.uuid().optional().describe('an existing component of this page to keep; absent = new'),
  publicName: nameInput(STATUS_PAGE_LIMITS.publicName),
});

export const serverComponentInputSchema = componentBase.extend({
  kind: z.literal('server'),
  serverId: z.uuid(),
  /** Show the server's address (its reported IP address) publicly. Off by default. */
  showAddress: z.boolean().default(false),
});
/** One union member per component kind (a probe kind joins later). */
export const componentInputSchema = z.discriminatedUnion('kind', [serverComponentInputSchema]);
export type StatusComponentInput = z.infer<typeof componentInputSchema>;

export const statusGroupInputSchema = z.object({
  name: nameInput(STATUS_PAGE_LIMITS.groupName),
  components: z.array(componentInputSchema).max(STATUS_PAGE_LIMITS.components),
});
export type StatusGroupInput = z.infer<typeof statusGroupInputSchema>;

/** `POST /api/v1/status-pages` and `PUT /api/v1/status-pages/{id}` (the whole page; order = position). */
export const statusPageInputSchema = z
  .object({
    slug: statusSlugSchema,
    title: nameInput(STATUS_PAGE_LIMITS.title),
    logoText: z.string().trim().max(STATUS_PAGE_LIMITS.logoText).default(''),
    description: z.string().trim().max(STATUS_PAGE_LIMITS.description).default(''),
    published: z.boolean().default(false),
    groups: z.array(statusGroupInputSchema).max(STATUS_PAGE_LIMITS.groups).default([]),
  })
  .strict()
  .refine((p) => p.groups.reduce((n, g) => n + g.components.length, 0) <= STATUS_PAGE_LIMITS.components, {
    message: `at most ${STATUS_PAGE_LIMITS.components} components per page`,
    path: ['groups'],
  });
export type StatusPageInput = z.infer<typeof statusPageInputSchema>;

/** A component as the admin sees it: the server's own name is included (admin only, never public). */
export const serverComponentViewSchema = z.object({
  id: z.uuid(),
  kind: z.literal('server'),
  serverId: z.uuid(),
  serverName: z.string().nullable().describe('null when the server was deleted'),
  publicName: z.string(),
  showAddress: z.boolean(),
  position: z.number().int(),
});
export const statusComponentViewSchema = z.discriminatedUnion('kind', [serverComponentViewSchema]);
export type StatusComponentView = z.infer<typeof statusComponentViewSchema>;

export const statusGroupViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  position: z.number().int(),
  components: z.array(statusComponentViewSchema),
});
export type StatusGroupView = z.infer<typeof statusGroupViewSchema>;

/** `GET /api/v1/status-pages` items. */
export const statusPageSummarySchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  published: z.boolean(),
  componentCount: z.number().int(),
  activeIncidents: z.number().int(),
  createdAt: wireTimeSchema,
  updatedAt: wireTimeSchema,
});
export type StatusPageSummary = z.infer<typeof statusPageSummarySchema>;
export const statusPageListSchema = z.object({ items: z.array(statusPageSummarySchema) });
export type StatusPageList = z.infer<typeof statusPageListSchema>;

/** `GET/POST/PUT /api/v1/status-pages[/{id}]` answer. */
export const statusPageDetailSchema = z.object({
  id: z.uuid(),
  slug: z.string(),
  title: z.string(),
  logoText: z.string(),
  description: z.string(),
  published: z.boolean(),
  /** Path of the public page: `/status/{slug}`. */
  publicPath: z.string(),
  groups: z.array(statusGroupViewSchema),
  createdAt: wireTimeSchema,
  updatedAt: wireTimeSchema,
});
export type StatusPageDetail = z.infer<typeof statusPageDetailSchema>;

// ---------------------------------------------------------------- admin: incidents

const affectedSchema = z.array(z.uuid()).max(STATUS_PAGE_LIMITS.affected).default([]);
const messageInput = z.string().trim().min(1).max(STATUS_PAGE_LIMITS.message);

/** `POST /api/v1/status-pages/{id}/incidents`: opens an incident with its first update. */
export const createIncidentSchema = z
  .object({
    title: nameInput(STATUS_PAGE_LIMITS.incidentTitle),
    status: incidentStatusSchema.default('investigating'),
    impact: incidentImpactSchema.default('minor'),
    componentIds: affectedSchema.describe('components of this page'),
    message: messageInput,
  })
  .strict();
export type CreateIncidentInput = z.infer<typeof createIncidentSchema>;

/** `PATCH /api/v1/status-pages/{id}/incidents/{incidentId}`: edits without an update entry. */
export const updateIncidentSchema = z
  .object({
    title: nameInput(STATUS_PAGE_LIMITS.incidentTitle),
    impact: incidentImpactSchema,
    componentIds: z.array(z.uuid()).max(STATUS_PAGE_LIMITS.affected),
  })
  .partial()
  .strict();
export type UpdateIncidentInput = z.infer<typeof updateIncidentSchema>;

/** `POST /api/v1/status-pages/{id}/incidents/{incidentId}/updates`: sets the status; `resolved` closes it. */
export const incidentUpdateInputSchema = z
  .object({ status: incidentStatusSchema, message: messageInput })
  .strict();
export type IncidentUpdateInput = z.infer<typeof incidentUpdateInputSchema>;

export const incidentUpdateViewSchema = z.object({
  id: z.uuid(),
  status: incidentStatusSchema,
  message: z.string(),
  at: wireTimeSchema,
  authorId: z.uuid().nullable(),
});
export type IncidentUpdateView = z.infer<typeof incidentUpdateViewSchema>;

export const incidentViewSchema = z.object({
  id: z.uuid(),
  pageId: z.uuid(),
  title: z.string(),
  status: incidentStatusSchema,
  impact: incidentImpactSchema,
  componentIds: z.array(z.uuid()),
  createdAt: wireTimeSchema,
  resolvedAt: wireTimeSchema.nullable(),
  /** Newest first. */
  updates: z.array(incidentUpdateViewSchema),
});
export type IncidentView = z.infer<typeof incidentViewSchema>;

/** `GET /api/v1/status-pages/{id}/incidents?limit&offset` (newest first). */
export const incidentListQuerySchema = z
  .object({
    limit: limitParam(200, 50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export type IncidentListQuery = z.infer<typeof incidentListQuerySchema>;
export const incidentListSchema = z.object({
  items: z.array(incidentViewSchema),
  total: z.number().int(),
});
export type IncidentList = z.infer<typeof incidentListSchema>;

// ---------------------------------------------------------------- admin: maintenance windows

/**
 * `POST /api/v1/status-pages/{id}/maintenance`, `PUT .../maintenance/{windowId}`. While a window is
 * active, its components show `maintenance` and alerts of their servers do not notify.
 */
export const maintenanceInputSchema = z
  .object({
    title: nameInput(STATUS_PAGE_LIMITS.incidentTitle),
    message: z.string().trim().max(STATUS_PAGE_LIMITS.message).default(''),
    componentIds: z.array(z.uuid()).min(1).max(STATUS_PAGE_LIMITS.affected),
    startsAt: dateInput,
    endsAt: dateInput,
  })
  .strict()
  .refine((m) => m.endsAt.getTime() > m.startsAt.getTime(), {
    message: 'endsAt must be after startsAt',
    path: ['endsAt'],
  })
  .refine(
    (m) => m.endsAt.getTime() - m.startsAt.getTime() <= STATUS_PAGE_LIMITS.maintenanceDays * 86_400_000,
    {
      message: `a window lasts at most ${STATUS_PAGE_LIMITS.maintenanceDays} days`,
      path: ['endsAt'],
    },
  );
export type MaintenanceInput = z.infer<typeof maintenanceInputSchema>;

export const maintenanceViewSchema = z.object({
  id: z.uuid(),
  pageId: z.uuid(),
  title: z.string(),
  message: z.string(),
  componentIds: z.array(z.uuid()),
  startsAt: wireTimeSchema,
  endsAt: wireTimeSchema,
  createdBy: z.uuid().nullable(),
  createdAt: wireTimeSchema,
});
export type MaintenanceView = z.infer<typeof maintenanceViewSchema>;
/** `GET /api/v1/status-pages/{id}/maintenance` (newest start first, at most 200). */
export const maintenanceListSchema = z.object({ items: z.array(maintenanceViewSchema) });
export type MaintenanceList = z.infer<typeof maintenanceListSchema>;

// ---------------------------------------------------------------- public JSON

/** One day of a component's uptime bar (UTC days). */
export const uptimeDaySchema = z.object({
  date: z.string().describe('YYYY-MM-DD (UTC)'),
  /** Share of the observed part of the day the server was online; null = no data (not yet listed/created). */
  uptimePercent: z.number().min(0).max(100).nullable(),
  downSeconds: z.number().int().min(0),
  maintenanceSeconds: z.number().int().min(0),
});
export type UptimeDay = z.infer<typeof uptimeDaySchema>;

/** A component as the public sees it: an explicit projection, nothing else. */
export const publicComponentSchema = z.object({
  id: z.uuid(),
  kind: z.enum(['server']),
  name: z.string().describe('the public name the admin gave'),
  /** Only when the admin chose to show it. */
  address: z.string().nullable(),
  state: componentStateSchema,
  /** Uptime over the shown days with data; null when none. */
  uptimePercent: z.number().min(0).max(100).nullable(),
  /** Oldest first, `STATUS_PAGE_LIMITS.uptimeDays` of them, the last is today (UTC). */
  days: z.array(uptimeDaySchema),
});
export type PublicComponent = z.infer<typeof publicComponentSchema>;

export const publicGroupSchema = z.object({
  name: z.string(),
  components: z.array(publicComponentSchema),
});
export type PublicGroup = z.infer<typeof publicGroupSchema>;

export const publicIncidentSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  status: incidentStatusSchema,
  impact: incidentImpactSchema,
  componentIds: z.array(z.uuid()).describe('listed components only'),
  createdAt: wireTimeSchema,
  resolvedAt: wireTimeSchema.nullable(),
  updates: z.array(z.object({ status: incidentStatusSchema, message: z.string(), at: wireTimeSchema })),
});
export type PublicIncident = z.infer<typeof publicIncidentSchema>;

export const publicMaintenanceSchema = z.object({
  id: z.uuid(),
  title: z.string(),
  message: z.string(),
  componentIds: z.array(z.uuid()),
  startsAt: wireTimeSchema,
  endsAt: wireTimeSchema,
  active: z.boolean(),
});
export type PublicMaintenance = z.infer<typeof publicMaintenanceSchema>;

/** `GET /api/v1/status/{slug}` (anonymous, rate-limited, cached ~30 s). */
export const publicStatusPageSchema = z.object({
  slug: z.string(),
  title: z.string(),
  logoText: z.string(),
  description: z.string(),
  state: overallStateSchema,
  generatedAt: wireTimeSchema,
  groups: z.array(publicGroupSchema),
  /** Unresolved incidents, then those resolved in the last 14 days; newest first, at most 50. */
  incidents: z.array(publicIncidentSchema),
  /** Active and upcoming windows (at most 50). */
  maintenance: z.array(publicMaintenanceSchema),
});
export type PublicStatusPage = z.infer<typeof publicStatusPageSchema>;

/** An outage of one component within a day. */
export const publicOutageSchema = z.object({
  componentId: z.uuid(),
  from: wireTimeSchema,
  to: wireTimeSchema.describe('end of the outage, clipped to the day (or now)'),
  seconds: z.number().int().min(0),
  /** Still going on (the server is offline now). */
  ongoing: z.boolean(),
});
export type PublicOutage = z.infer<typeof publicOutageSchema>;

/** `GET /api/v1/status/{slug}/day/{YYYY-MM-DD}`: one day's drill-down (within the last 90 days). */
export const publicStatusDaySchema = z.object({
  slug: z.string(),
  title: z.string(),
  logoText: z.string(),
  date: z.string(),
  components: z.array(
    z.object({ id: z.uuid(), name: z.string(), day: uptimeDaySchema, outages: z.array(publicOutageSchema) }),
  ),
  incidents: z.array(publicIncidentSchema),
  maintenance: z.array(publicMaintenanceSchema),
});
export type PublicStatusDay = z.infer<typeof publicStatusDaySchema>;
