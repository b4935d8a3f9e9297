import type { TemplateVariable } from '../../core/hub-types';

/** What a webhook body or header value may use as `{{name}}` (docs/alerts.md "Template variables"). */
export const TEMPLATE_VARIABLES: readonly { name: TemplateVariable; meaning: string }[] = [
  { name: 'state', meaning: 'firing, resolved or test' },
  { name: 'server', meaning: 'server name' },
  { name: 'serverId', meaning: 'server id' },
  { name: 'rule', meaning: 'rule name' },
  { name: 'ruleId', meaning: 'rule id' },
  { name: 'alertId', meaning: 'the alert episode (the same when firing and resolved)' },
  { name: 'severity', meaning: 'info, warning or critical' },
  { name: 'metric', meaning: 'what the first condition watches' },
  { name: 'value', meaning: 'its latest value' },
  { name: 'threshold', meaning: 'the first condition’s threshold' },
  { name: 'unit', meaning: 'the threshold’s unit' },
  { name: 'message', meaning: 'one line, e.g. CPU 93.5 % > 90 % for 300 s' },
  { name: 'time', meaning: 'ISO-8601 UTC time of the change' },
  { name: 'link', meaning: 'the server’s console page' },
];

export const EXAMPLE_TEMPLATE =
  '{"text":"{{state}}: {{rule}} on {{server}} — {{message}}","link":"{{link}}"}';
