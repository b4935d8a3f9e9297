import type { EvalRule } from './alert-model.js';
import type { Condition } from './dto/alert-rule.dto.js';

/** An enabled rule over every server that fires once; override what the test is about. */
export function evalRule(conditions: Condition[], over: Partial<EvalRule> = {}): EvalRule {
  return {
    id: 'r1',
    name: 'rule',
    enabled: true,
    severity: 'warning',
    conditions,
    scope: { mode: 'all', serverIds: [], groupIds: [], tags: [] },
    trigger: 'once',
    repeatMinutes: null,
    notificationGroupId: null,
    silence: null,
    version: 1,
    ...over,
  };
}
