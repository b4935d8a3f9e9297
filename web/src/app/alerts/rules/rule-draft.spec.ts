// The shared request schema: what the console sends must pass it unchanged.
import { createRuleSchema } from '@hivewatch/protocol';
import type { AlertRule } from '../../core/hub-types';
import { newCondition, newRuleDraft, ruleBody, ruleDraft, validateRule, type RuleDraft } from './rule-draft';

function draft(change: Partial<RuleDraft> = {}): RuleDraft {
  return { ...newRuleDraft(), name: 'High CPU', ...change };
}

describe('rule form validation', () => {
  it('accepts the default rule once it has a name', () => {
    expect(validateRule(newRuleDraft())).toEqual({ name: 'Give the rule a name.' });
    expect(validateRule(draft())).toEqual({});
  });

  it('names every bad field at once, by condition', () => {
    const offline = { ...newCondition('offline'), offlineSeconds: -1 };
    const metric = { ...newCondition(), threshold: null, duration: 25, durationUnit: 'h' as never };
    const service = { ...newCondition('service'), service: '  ' };
    const traffic = { ...newCondition('traffic'), quota: 0 };
    const errors = validateRule(
      draft({
        name: ' ',
        conditions: [metric, offline, service, traffic],
        trigger: 'repeat',
        repeatMinutes: 0,
        silence: { on: true, start: '22:00', end: '22:00' },
      }),
    );
    expect(errors).toEqual({
      name: 'Give the rule a name.',
      'conditions.0.threshold': 'Give a threshold.',
      'conditions.1.offlineSeconds': 'Whole seconds, from 0 to 30 days.',
      'conditions.2.service': 'Name the watched service.',
      'conditions.3.quota': 'The quota must be above 0.',
      repeatMinutes: 'Whole minutes, from 1 to 10080 (a week).',
      silence: 'The start and end must differ.',
    });
  });

  it('keeps durations within a day and units to the metric', () => {
    const tooLong = { ...newCondition(), duration: 1441, durationUnit: 'min' as const };
    const wrongUnit = { ...newCondition(), unit: 'MB/s' };
    expect(validateRule(draft({ conditions: [tooLong, wrongUnit] }))).toEqual({
      'conditions.0.duration': 'Whole seconds, from 0 to 24 hours.',
      'conditions.1.unit': 'Pick a unit of CPU.',
    });
  });

  it('asks what an include scope covers, and wants at least one condition', () => {
    expect(validateRule(draft({ scopeMode: 'include' }))['scope']).toContain('Pick the servers');
    expect(validateRule(draft({ scopeMode: 'include', tags: 'prod' }))).toEqual({});
    expect(validateRule(draft({ scopeMode: 'exclude' }))).toEqual({});
    expect(validateRule(draft({ conditions: [] }))['conditions']).toBe('Add at least one condition.');
  });
});

describe('rule form serialisation', () => {
  const group = '7f0c3f52-93a5-4b8e-9a53-5a0d4c0fd8a1';
  const server = '0f6a8b2e-1d0c-4c57-8f69-3b2f0f0b6d11';

  it('sends each condition kind as the hub expects, durations in seconds', () => {
    const body = ruleBody(
      draft({
        severity: 'critical',
        conditions: [
          {
            ...newCondition(),
            metric: 'netIn',
            operator: '>=',
            threshold: 800,
            unit: 'Mbit/s',
            duration: 90,
            durationUnit: 's',
          },
          {
            ...newCondition(),
            metric: 'disk',
            mountpoint: ' /data ',
            threshold: 95,
            duration: 5,
            durationUnit: 'min',
          },
          { ...newCondition('offline'), offlineSeconds: 120 },
          { ...newCondition('traffic'), direction: 'out', quota: 2.5, quotaUnit: 'TB' },
          { ...newCondition('service'), service: 'nginx', duration: 0, durationUnit: 's' },
        ],
        scopeMode: 'include',
        serverIds: [server],
        groupIds: [group],
        tags: 'prod, web prod',
        trigger: 'repeat',
        repeatMinutes: 15,
        notificationGroupId: group,
        silence: { on: true, start: '22:00', end: '06:00' },
      }),
    );
    expect(body).toEqual({
      name: 'High CPU',
      enabled: true,
      severity: 'critical',
      conditions: [
        {
          kind: 'metric',
          metric: 'netIn',
          operator: '>=',
          threshold: 800,
          unit: 'Mbit/s',
          durationSeconds: 90,
        },
        {
          kind: 'metric',
          metric: 'disk',
          mountpoint: '/data',
          operator: '>',
          threshold: 95,
          unit: '%',
          durationSeconds: 300,
        },
        { kind: 'offline', seconds: 120 },
        { kind: 'traffic', direction: 'out', quota: 2.5, unit: 'TB' },
        { kind: 'service', service: 'nginx', durationSeconds: 0 },
      ],
      scope: { mode: 'include', serverIds: [server], groupIds: [group], tags: ['prod', 'web'] },
      trigger: 'repeat',
      repeatMinutes: 15,
      notificationGroupId: group,
      silence: { start: '22:00', end: '06:00' },
    });
    expect(createRuleSchema.parse(body)).toEqual(body);
  });

  it('drops what does not apply: scope lists of "all", repeat interval of "once", off silence', () => {
    const body = ruleBody(
      draft({ scopeMode: 'all', serverIds: [server], tags: 'x', trigger: 'once', repeatMinutes: 30 }),
    );
    expect(body.scope).toEqual({ mode: 'all', serverIds: [], groupIds: [], tags: [] });
    expect(body.repeatMinutes).toBeNull();
    expect(body.silence).toBeNull();
    expect(body.notificationGroupId).toBeNull();
    expect(createRuleSchema.parse(body)).toEqual(body);
  });

  it('reads a stored rule back into the same body', () => {
    const stored = {
      id: 'r1',
      origin: 'default',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      ...ruleBody(
        draft({
          conditions: [{ ...newCondition(), threshold: 80, duration: 120, durationUnit: 's' }],
          tags: 'a',
          scopeMode: 'exclude',
        }),
      ),
    } satisfies AlertRule;
    const again = ruleDraft(stored);
    expect(again.conditions[0]).toMatchObject({ duration: 2, durationUnit: 'min', threshold: 80 });
    const { id: _id, origin: _o, createdAt: _c, updatedAt: _u, ...body } = stored;
    expect(ruleBody(again)).toEqual(body);
  });
});
