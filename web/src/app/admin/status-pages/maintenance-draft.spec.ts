import { maintenanceInputSchema } from '@hivewatch/protocol';
import {
  fromLocalInput,
  localTime,
  localZone,
  maintenanceBody,
  maintenanceDraft,
  newMaintenanceDraft,
  phaseOf,
  toLocalInput,
  validateMaintenance,
} from './maintenance-draft';

const C1 = '11111111-1111-4111-8111-111111111111';

describe('maintenance drafts', () => {
  it('starts at the next full hour, for an hour, in local time', () => {
    const now = new Date(2026, 11, 5, 9, 20).getTime();
    const d = newMaintenanceDraft(now);
    expect(d.startsAt).toBe('2026-12-05T10:00');
    expect(d.endsAt).toBe('2026-12-05T11:00');
  });

  it('sends local wall-clock times as UTC instants, and reads them back the same', () => {
    const d = { ...newMaintenanceDraft(), title: ' DB upgrade ', componentIds: [C1] };
    d.startsAt = '2026-12-05T22:30';
    d.endsAt = '2026-12-06T01:00';
    expect(validateMaintenance(d)).toEqual({});
    const body = maintenanceBody(d);
    expect(body).toEqual({
      title: 'DB upgrade',
      message: '',
      componentIds: [C1],
      startsAt: new Date(2026, 11, 5, 22, 30).toISOString(),
      endsAt: new Date(2026, 11, 6, 1, 0).toISOString(),
    });
    expect(maintenanceInputSchema.safeParse(body).success).toBe(true);
    const view = {
      id: C1,
      pageId: C1,
      title: 'DB upgrade',
      message: 'm',
      componentIds: [C1],
      startsAt: body.startsAt as string,
      endsAt: body.endsAt as string,
      createdBy: null,
      createdAt: body.startsAt as string,
    };
    expect(maintenanceDraft(view)).toEqual({ ...d, title: 'DB upgrade', message: 'm' });
  });

  it('names every problem: title, components, order and length of the window', () => {
    const d = { ...newMaintenanceDraft(), startsAt: '2026-12-05T10:00', endsAt: '2026-12-05T10:00' };
    expect(validateMaintenance(d)).toEqual({
      title: 'Give the window a title.',
      componentIds: 'Pick the components under maintenance.',
      endsAt: 'The end must be after the start.',
    });
    const long = { ...d, title: 't', componentIds: [C1], endsAt: '2027-01-05T10:01' };
    expect(validateMaintenance(long)).toEqual({ endsAt: 'A window lasts at most 31 days.' });
    const empty = { ...long, startsAt: '', endsAt: 'soon' };
    expect(validateMaintenance(empty)).toEqual({
      startsAt: 'Give the start date and time.',
      endsAt: 'Give the end date and time.',
    });
  });

  it('tells active, upcoming and past windows apart', () => {
    const now = Date.parse('2026-12-05T12:00:00Z');
    const w = (s: string, e: string) => ({ startsAt: s, endsAt: e });
    expect(phaseOf(w('2026-12-05T11:00:00Z', '2026-12-05T13:00:00Z'), now)).toBe('active');
    expect(phaseOf(w('2026-12-05T12:30:00Z', '2026-12-05T13:00:00Z'), now)).toBe('upcoming');
    expect(phaseOf(w('2026-12-05T10:00:00Z', '2026-12-05T12:00:00Z'), now)).toBe('past');
  });

  it('round-trips local inputs and names the zone', () => {
    expect(toLocalInput(fromLocalInput('2026-03-29T02:30') ?? 0)).toMatch(/^2026-03-29T0[23]:30$/);
    expect(fromLocalInput('2026-13-01')).toBeNull();
    expect(localZone()).toContain(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(localTime('2026-12-05T10:00:00Z')).toMatch(/2026/);
  });
});
