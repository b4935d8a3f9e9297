// The shared request schema: what the console sends must pass it unchanged.
import { createRuleSchema } from '@hivewatch/protocol';
import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import type { AlertRule, Condition } from '../../core/hub-types';
import {
  newCondition,
  newRuleDraft,
  ruleBody,
  ruleDraft,
  validateRule,
  type ConditionDraft,
} from './rule-draft';
import { RuleEditor } from './rule-editor';
import { describeCondition } from './rule-summary';

const container = (over: Partial<ConditionDraft>): ConditionDraft => ({
  ...newCondition('container'),
  ...over,
});
const bodyOf = (c: ConditionDraft) => ruleBody({ ...newRuleDraft(), name: 'Containers', conditions: [c] });

describe('container conditions in the rule form', () => {
  it('sends only the fields of the chosen check, and the hub schema takes them unchanged', () => {
    const cases: [Partial<ConditionDraft>, Condition][] = [
      [
        { container: ' web ', check: 'not-running', duration: 30, durationUnit: 's' },
        { kind: 'container', container: 'web', check: 'not-running', durationSeconds: 30 },
      ],
      [
        { container: '', check: 'unhealthy', duration: 0 },
        { kind: 'container', check: 'unhealthy', durationSeconds: 0 },
      ],
      [
        { container: 'worker-*', check: 'restarts', restartCount: 3, windowMinutes: 15, duration: 0 },
        {
          kind: 'container',
          container: 'worker-*',
          check: 'restarts',
          count: 3,
          windowMinutes: 15,
          durationSeconds: 0,
        },
      ],
      [
        { check: 'oom', windowMinutes: 5, duration: 0 },
        { kind: 'container', check: 'oom', windowMinutes: 5, durationSeconds: 0 },
      ],
      [
        { check: 'cpu', operator: '>=', containerThreshold: 150, duration: 5, durationUnit: 'min' },
        { kind: 'container', check: 'cpu', operator: '>=', threshold: 150, durationSeconds: 300 },
      ],
      [
        { check: 'memory', containerThreshold: 512, memoryUnit: 'MiB', duration: 1, durationUnit: 'min' },
        {
          kind: 'container',
          check: 'memory',
          operator: '>',
          threshold: 512,
          unit: 'MiB',
          durationSeconds: 60,
        },
      ],
    ];
    for (const [draft, expected] of cases) {
      const c = container(draft);
      expect(validateRule({ ...newRuleDraft(), name: 'x', conditions: [c] })).toEqual({});
      const body = bodyOf(c);
      expect(body.conditions).toEqual([expected]);
      expect(createRuleSchema.parse(body)).toEqual(body);
    }
  });

  it('names every bad container field', () => {
    const errors = validateRule({
      ...newRuleDraft(),
      name: 'x',
      conditions: [
        container({ container: '/web', check: 'cpu', containerThreshold: null }),
        container({ check: 'memory', memoryUnit: '%', containerThreshold: 120 }),
        container({ check: 'restarts', restartCount: 1.5, windowMinutes: 61 }),
        container({ check: 'oom', windowMinutes: 0, duration: 1441, durationUnit: 'min' }),
      ],
    });
    expect(errors).toEqual({
      'conditions.0.container': 'A container name, or a pattern with * and ? (letters, digits, _ . -).',
      'conditions.0.containerThreshold': 'A threshold from 0 to 100000.',
      'conditions.1.containerThreshold': 'A threshold from 0 to 100.',
      'conditions.2.restartCount': 'Whole restarts, from 0 to 1000.',
      'conditions.2.windowMinutes': 'Whole minutes, from 1 to 60.',
      'conditions.3.windowMinutes': 'Whole minutes, from 1 to 60.',
      'conditions.3.duration': 'Whole seconds, from 0 to 24 hours.',
    });
  });

  it('reads a stored container rule back into the same body, and describes it in one line', () => {
    const conditions: Condition[] = [
      {
        kind: 'container',
        container: 'db',
        check: 'memory',
        operator: '>',
        threshold: 2,
        unit: 'GiB',
        durationSeconds: 120,
      },
      { kind: 'container', check: 'restarts', count: 0, windowMinutes: 60, durationSeconds: 0 },
    ];
    const stored: AlertRule = {
      ...bodyOf(newCondition()),
      conditions,
      id: 'r1',
      origin: 'user',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    };
    expect(ruleBody(ruleDraft(stored)).conditions).toEqual(conditions);
    expect(conditions.map(describeCondition)).toEqual([
      'container db memory > 2 GiB for 2 min',
      'any container restarted more than 0× in 60 min',
    ]);
    expect(
      describeCondition({ kind: 'container', container: 'web-*', check: 'not-running', durationSeconds: 60 }),
    ).toBe('container web-* not running for 1 min');
  });
});

describe('RuleEditor: a container condition', () => {
  async function settle(fixture: { detectChanges(): void }): Promise<void> {
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 0));
      fixture.detectChanges();
    }
  }
  function type(el: HTMLElement, selector: string, value: string): void {
    const input = el.querySelector<HTMLInputElement | HTMLSelectElement>(selector)!;
    input.value = value;
    input.dispatchEvent(
      new Event(input instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }),
    );
  }

  it('offers the checks with their labels and posts what the form shows', async () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    const fixture = TestBed.createComponent(RuleEditor);
    await settle(fixture);
    const http = TestBed.inject(HttpTestingController);
    http.expectOne('/api/v1/notification-groups').flush([]);
    vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const el = fixture.nativeElement as HTMLElement;
    type(el, 'input[name=name]', 'Flapping workers');
    type(el, '[data-field=kind]', 'container');
    await settle(fixture);
    const labels = [...el.querySelectorAll('[data-field=check] option')].map((o) => o.textContent?.trim());
    expect(labels).toEqual([
      'Not running (exited, stopped, restarting…)',
      'Health check failing (unhealthy)',
      'Restarted more than N times in M minutes',
      'Killed for lack of memory (OOM)',
      'CPU over a threshold',
      'Memory over a threshold',
    ]);
    expect(el.querySelector('[data-field=restartCount]')).toBeNull();
    type(el, '[data-field=check]', 'restarts');
    await settle(fixture);
    type(el, '[data-field=container]', 'worker-*');
    type(el, '[data-field=restartCount]', '5');
    type(el, '[data-field=windowMinutes]', '90');
    type(el, '[data-field=duration]', '0');
    await settle(fixture);
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await settle(fixture);
    const messages = [...el.querySelectorAll('[role=alert]')].map((m) => m.textContent?.trim());
    expect(messages).toContain('Whole minutes, from 1 to 60.');
    http.expectNone('/api/v1/alert-rules');
    type(el, '[data-field=windowMinutes]', '30');
    await settle(fixture);
    el.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    await settle(fixture);
    const req = http.expectOne('/api/v1/alert-rules');
    expect(req.request.body.conditions).toEqual([
      {
        kind: 'container',
        container: 'worker-*',
        check: 'restarts',
        count: 5,
        windowMinutes: 30,
        durationSeconds: 0,
      },
    ]);
  });
});
