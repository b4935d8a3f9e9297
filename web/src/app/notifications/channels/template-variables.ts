import { TEMPLATE_VARIABLES as VARIABLES } from '@hivewatch/protocol';
import type { TemplateVariable } from '../../core/hub-types';

const MEANINGS: Readonly<Record<TemplateVariable, string>> = {
  state: 'firing, resolved or test',
  server: 'server name',
  serverId: 'server id',
  rule: 'rule name',
  ruleId: 'rule id',
  alertId: 'the alert episode (the same when firing and resolved)',
  severity: 'info, warning or critical',
  metric: 'what the first condition watches',
  value: 'its latest value',
  threshold: 'the first condition’s threshold',
  unit: 'the threshold’s unit',
  message: 'one line, e.g. CPU 93.5 % > 90 % for 300 s',
  time: 'ISO-8601 UTC time of the change',
  link: 'the server’s console page',
};

/**
 * What a webhook body or header value may use as `{{name}}` (docs/alerts.md "Template variables"),
 * in the order of the shared contract's list.
 */
export const TEMPLATE_VARIABLES: readonly { name: TemplateVariable; meaning: string }[] = VARIABLES.map(
  (name) => ({ name, meaning: MEANINGS[name] }),
);

export const EXAMPLE_TEMPLATE =
  '{"text":"{{state}}: {{rule}} on {{server}} — {{message}}","link":"{{link}}"}';
