import { createTaskSchema, type Task } from '@hivewatch/protocol';
import { newTaskDraft, taskBody, taskDraft, validateTask } from './task-draft';

const ZONES = new Set(['UTC', 'Europe/Berlin', 'Asia/Tokyo']);
const SERVER = '6f1c2a8e-3d4b-4c5a-9e7f-1a2b3c4d5e6f';

describe('task draft', () => {
  it('says what is missing, field by field', () => {
    const d = { ...newTaskDraft('Mars/Olympus'), cron: '0 3 * *', timeoutSeconds: 0, maxParallel: null };
    expect(validateTask(d, ZONES)).toEqual({
      name: 'Give the task a name.',
      command: 'Give the command to run.',
      targets: 'Pick the servers, groups or tags the task runs on.',
      cron: 'Five fields: minute, hour, day of month, month, day of week (or six, seconds first).',
      timeZone: 'Pick a time zone from the list.',
      timeoutSeconds: 'Whole seconds, from 1 to 86400 (a day).',
      maxParallel: 'From 1 to 200.',
    });
  });

  it('takes a zone Intl knows outside the list, not a half-typed one', () => {
    const d = { ...newTaskDraft(), name: 'n', command: 'c', tags: 'x' };
    expect(validateTask({ ...d, timeZone: 'US/Eastern' }, ZONES)).toEqual({});
    expect(validateTask({ ...d, timeZone: 'Europe/Berl' }, ZONES)).toEqual({
      timeZone: 'Pick a time zone from the list.',
    });
  });

  it('turns a valid draft into a body the contract accepts', () => {
    const d = {
      ...newTaskDraft('Europe/Berlin'),
      name: '  nightly cleanup ',
      command: 'find /tmp -mtime +7 -delete\n',
      serverIds: [SERVER],
      tags: 'prod, web prod',
      cron: ' 30  2 * * 1-5 ',
      missedPolicy: 'run-once' as const,
      timeoutSeconds: 90,
      maxParallel: 5,
      stopOnFirstFailure: true,
    };
    expect(validateTask(d, ZONES)).toEqual({});
    const body = taskBody(d);
    expect(body).toEqual({
      name: 'nightly cleanup',
      command: 'find /tmp -mtime +7 -delete',
      targets: { serverIds: [SERVER], tags: ['prod', 'web'] },
      cron: '30 2 * * 1-5',
      timeZone: 'Europe/Berlin',
      overlapPolicy: 'skip',
      missedPolicy: 'run-once',
      enabled: true,
      timeoutMs: 90_000,
      maxParallel: 5,
      stopOnFirstFailure: true,
    });
    expect(createTaskSchema.safeParse(body).success).toBe(true);
  });

  it('edits a stored task and gives back the same settings', () => {
    const task: Task = {
      id: 't1',
      name: 'backup',
      command: 'backup.sh',
      targets: { groupIds: [SERVER] },
      cron: '0 4 * * 0',
      timeZone: 'Asia/Tokyo',
      overlapPolicy: 'allow',
      missedPolicy: 'skip',
      enabled: false,
      timeoutMs: 600_000,
      outputCapBytes: 65536,
      maxParallel: 3,
      stopOnFirstFailure: false,
      offlineTtlSeconds: 3600,
      disabledReason: null,
      createdBy: null,
      createdByName: null,
      createdAt: '2026-12-01T00:00:00.000Z',
      updatedAt: '2026-12-01T00:00:00.000Z',
      nextRunAt: null,
      lastRunAt: null,
      lastRunId: null,
      lastRunState: null,
    };
    const body = taskBody(taskDraft(task));
    expect(body).toEqual({
      name: 'backup',
      command: 'backup.sh',
      targets: { groupIds: [SERVER] },
      cron: '0 4 * * 0',
      timeZone: 'Asia/Tokyo',
      overlapPolicy: 'allow',
      missedPolicy: 'skip',
      enabled: false,
      timeoutMs: 600_000,
      maxParallel: 3,
      stopOnFirstFailure: false,
    });
  });
});
