// What the console sends must pass the shared request schema unchanged.
import { createCommandRunSchema, type CommandRun } from '@hivewatch/protocol';
import { newRunDraft, runBody, runDraft, validateRunDraft, type RunDraft } from './run-draft';

const A = '0b8e7f5e-6a53-4c59-9d0e-1f2a3b4c5d6e';
const G = '5f1c2d3e-4b5a-4c69-8d7e-6f5a4b3c2d1e';

function draft(change: Partial<RunDraft> = {}): RunDraft {
  return { ...newRunDraft(), command: 'uptime', serverIds: [A], ...change };
}

describe('new run form → request body', () => {
  it('starts from the protocol defaults and sends them', () => {
    const body = runBody(draft());
    expect(body).toEqual({
      command: 'uptime',
      targets: { serverIds: [A] },
      timeoutMs: 60_000,
      maxParallel: 20,
      stopOnFirstFailure: false,
      offlineTtlSeconds: 3600,
      outputCapBytes: 65_536,
    });
    expect(createCommandRunSchema.parse(body)).toEqual(body);
  });

  it('turns the form units into the wire units and leaves empty selections out', () => {
    const body = runBody(
      draft({
        command: '  df -h /  ',
        serverIds: [],
        groupIds: [G],
        tags: 'prod, web prod',
        timeoutSeconds: 5,
        maxParallel: 3,
        stopOnFirstFailure: true,
        offlineTtlMinutes: 0,
        outputCapKib: 1024,
      }),
    );
    expect(body).toEqual({
      command: 'df -h /',
      targets: { groupIds: [G], tags: ['prod', 'web'] },
      timeoutMs: 5000,
      maxParallel: 3,
      stopOnFirstFailure: true,
      offlineTtlSeconds: 0,
      outputCapBytes: 1_048_576,
    });
    expect(createCommandRunSchema.safeParse(body).success).toBe(true);
  });

  it('names every bad field at once', () => {
    expect(validateRunDraft(draft())).toEqual({});
    const errors = validateRunDraft(
      draft({
        command: '   ',
        serverIds: [],
        tags: '',
        timeoutSeconds: 0,
        maxParallel: 201,
        offlineTtlMinutes: null,
        outputCapKib: 1.5,
      }),
    );
    expect(Object.keys(errors).sort()).toEqual([
      'command',
      'maxParallel',
      'offlineTtlMinutes',
      'outputCapKib',
      'targets',
      'timeoutSeconds',
    ]);
    expect(validateRunDraft(draft({ tags: 'ok, -bad' }))['tags']).toContain('-bad');
    expect(validateRunDraft(draft({ command: 'x'.repeat(8193) }))['command']).toBe(
      'At most 8192 characters.',
    );
  });

  it('re-runs with the same command, targets and options', () => {
    const body = runBody(
      draft({ groupIds: [G], tags: 'db', timeoutSeconds: 90, maxParallel: 4, offlineTtlMinutes: 5 }),
    );
    const run: CommandRun = {
      id: 'r1',
      command: body.command,
      targets: body.targets,
      timeoutMs: body.timeoutMs ?? 0,
      outputCapBytes: body.outputCapBytes ?? 0,
      maxParallel: body.maxParallel ?? 0,
      stopOnFirstFailure: body.stopOnFirstFailure ?? false,
      offlineTtlSeconds: body.offlineTtlSeconds ?? 0,
      state: 'done',
      createdBy: null,
      taskId: null,
      createdAt: '2026-12-03T10:00:00.000Z',
      endedAt: null,
      counts: { ok: 1 },
    };
    expect(runBody(runDraft(run))).toEqual(body);
  });
});
