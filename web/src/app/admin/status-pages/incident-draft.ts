import {
  STATUS_PAGE_LIMITS as LIMITS,
  type CreateIncidentInput,
  type IncidentImpact,
  type IncidentStatus,
  type IncidentUpdateInput,
  type StatusPageDetail,
} from '@hivewatch/protocol';
import type { FieldErrors } from '../../shared/form/draft-form';

export const INCIDENT_STATUSES: readonly { value: IncidentStatus; label: string }[] = [
  { value: 'investigating', label: 'Investigating' },
  { value: 'identified', label: 'Identified' },
  { value: 'monitoring', label: 'Monitoring' },
  { value: 'resolved', label: 'Resolved' },
];

export const INCIDENT_IMPACTS: readonly { value: IncidentImpact; label: string }[] = [
  { value: 'none', label: 'None' },
  { value: 'minor', label: 'Minor' },
  { value: 'major', label: 'Major' },
  { value: 'critical', label: 'Critical' },
];

export const statusLabel = (s: IncidentStatus): string =>
  INCIDENT_STATUSES.find((x) => x.value === s)?.label ?? s;
export const impactLabel = (i: IncidentImpact): string =>
  INCIDENT_IMPACTS.find((x) => x.value === i)?.label ?? i;

export interface IncidentDraft {
  title: string;
  impact: IncidentImpact;
  status: IncidentStatus;
  componentIds: string[];
  /** The first entry of the timeline. */
  message: string;
}

export interface UpdateDraft {
  status: IncidentStatus;
  message: string;
}

export function newIncidentDraft(): IncidentDraft {
  return { title: '', impact: 'minor', status: 'investigating', componentIds: [], message: '' };
}

function messageError(message: string): string | null {
  const m = message.trim();
  if (!m) return 'Write what the public should know.';
  return m.length > LIMITS.message ? `At most ${LIMITS.message} characters.` : null;
}

export function validateIncident(d: IncidentDraft): FieldErrors {
  const errors: FieldErrors = {};
  const title = d.title.trim();
  if (!title) errors['title'] = 'Give the incident a title.';
  else if (title.length > LIMITS.incidentTitle)
    errors['title'] = `At most ${LIMITS.incidentTitle} characters.`;
  if (d.componentIds.length > LIMITS.affected)
    errors['componentIds'] = `At most ${LIMITS.affected} components.`;
  const message = messageError(d.message);
  if (message) errors['message'] = message;
  return errors;
}

export function incidentBody(d: IncidentDraft): CreateIncidentInput {
  return {
    title: d.title.trim(),
    impact: d.impact,
    status: d.status,
    componentIds: [...d.componentIds],
    message: d.message.trim(),
  };
}

export function validateUpdate(d: UpdateDraft): FieldErrors {
  const message = messageError(d.message);
  return message ? { message } : {};
}

export function updateBody(d: UpdateDraft): IncidentUpdateInput {
  return { status: d.status, message: d.message.trim() };
}

/** A component as a form lists it: its public name, under its group's. */
export interface ComponentOption {
  id: string;
  name: string;
  group: string;
}

/** The page's components in their order (a component of a deleted server is still listed). */
export function componentOptions(page: StatusPageDetail): ComponentOption[] {
  return [...page.groups]
    .sort((a, b) => a.position - b.position)
    .flatMap((g) =>
      [...g.components]
        .sort((a, b) => a.position - b.position)
        .map((c) => ({ id: c.id, name: c.publicName, group: g.name })),
    );
}

/** The public names of ids, in the page's order; "a removed component" for ids no longer on it. */
export function componentNames(options: readonly ComponentOption[], ids: readonly string[]): string[] {
  const wanted = new Set(ids);
  const names = options.filter((o) => wanted.has(o.id)).map((o) => o.name);
  const gone = ids.filter((id) => !options.some((o) => o.id === id)).length;
  return gone ? [...names, gone === 1 ? 'a removed component' : `${gone} removed components`] : names;
}
