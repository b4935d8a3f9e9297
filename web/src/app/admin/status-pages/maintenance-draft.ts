import { STATUS_PAGE_LIMITS as LIMITS, type MaintenanceView } from '@hivewatch/protocol';
import type { FieldErrors } from '../../shared/form/draft-form';
import type { MaintenanceBody } from './status-pages.api';

/** A maintenance window as the form edits it: start and end as `datetime-local` values (the user's zone). */
export interface MaintenanceDraft {
  title: string;
  message: string;
  componentIds: string[];
  /** `YYYY-MM-DDTHH:MM`, local wall-clock time. */
  startsAt: string;
  endsAt: string;
}

const HOUR = 3_600_000;
const pad = (n: number): string => String(n).padStart(2, '0');

/** An instant as a `datetime-local` value in the browser's zone. */
export function toLocalInput(at: Date | string | number): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (read in the browser's zone) as an instant; null when it is not one. */
export function fromLocalInput(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** A new window: from the next full hour, for an hour. */
export function newMaintenanceDraft(now = Date.now()): MaintenanceDraft {
  const start = Math.ceil(now / HOUR) * HOUR;
  return {
    title: '',
    message: '',
    componentIds: [],
    startsAt: toLocalInput(start),
    endsAt: toLocalInput(start + HOUR),
  };
}

export function maintenanceDraft(w: MaintenanceView): MaintenanceDraft {
  return {
    title: w.title,
    message: w.message,
    componentIds: [...w.componentIds],
    startsAt: toLocalInput(w.startsAt),
    endsAt: toLocalInput(w.endsAt),
  };
}

export function validateMaintenance(d: MaintenanceDraft): FieldErrors {
  const errors: FieldErrors = {};
  const title = d.title.trim();
  if (!title) errors['title'] = 'Give the window a title.';
  else if (title.length > LIMITS.incidentTitle)
    errors['title'] = `At most ${LIMITS.incidentTitle} characters.`;
  if (d.message.trim().length > LIMITS.message) errors['message'] = `At most ${LIMITS.message} characters.`;
  if (d.componentIds.length === 0) errors['componentIds'] = 'Pick the components under maintenance.';
  else if (d.componentIds.length > LIMITS.affected)
    errors['componentIds'] = `At most ${LIMITS.affected} components.`;
  const start = fromLocalInput(d.startsAt);
  const end = fromLocalInput(d.endsAt);
  if (!start) errors['startsAt'] = 'Give the start date and time.';
  if (!end) errors['endsAt'] = 'Give the end date and time.';
  else if (start && end.getTime() <= start.getTime()) errors['endsAt'] = 'The end must be after the start.';
  else if (start && end.getTime() - start.getTime() > LIMITS.maintenanceDays * 24 * HOUR)
    errors['endsAt'] = `A window lasts at most ${LIMITS.maintenanceDays} days.`;
  return errors;
}

/** The body (POST and PUT) of a draft that validated: times as ISO-8601 UTC instants. */
export function maintenanceBody(d: MaintenanceDraft): MaintenanceBody {
  return {
    title: d.title.trim(),
    message: d.message.trim(),
    componentIds: [...d.componentIds],
    startsAt: fromLocalInput(d.startsAt)!.toISOString(),
    endsAt: fromLocalInput(d.endsAt)!.toISOString(),
  };
}

export type WindowPhase = 'active' | 'upcoming' | 'past';

export function phaseOf(w: Pick<MaintenanceView, 'startsAt' | 'endsAt'>, now = Date.now()): WindowPhase {
  if (new Date(w.endsAt).getTime() <= now) return 'past';
  return new Date(w.startsAt).getTime() <= now ? 'active' : 'upcoming';
}

/** The browser's zone, as the form names it: "Europe/Berlin (GMT+1)". */
export function localZone(at = new Date()): string {
  const name = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const offset = new Intl.DateTimeFormat('en', { timeZoneName: 'shortOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  return offset && offset !== name ? `${name} (${offset})` : name;
}

/** A window's time in the browser's zone, with the zone's short name: "5 Dec 2026, 10:00 CET". */
export function localTime(iso: string): string {
  return new Date(iso).toLocaleString(undefined, {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  });
}
