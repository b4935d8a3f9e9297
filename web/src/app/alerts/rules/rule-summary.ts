import type { AlertRule, Condition } from '../../core/hub-types';
import { describeContainerCondition } from './container-draft';
import { METRIC_CATALOG } from './metric-catalog';

function forDuration(seconds: number): string {
  if (seconds === 0) return '';
  return seconds % 60 === 0 ? ` for ${seconds / 60} min` : ` for ${seconds} s`;
}

/** One line per condition, e.g. "CPU > 90 % for 5 min". */
export function describeCondition(c: Condition): string {
  switch (c.kind) {
    case 'metric': {
      const info = METRIC_CATALOG[c.metric];
      const what = c.metric === 'disk' && c.mountpoint ? `${info.label} ${c.mountpoint}` : info.label;
      const unit = c.unit ?? info.units[0];
      return `${what} ${c.operator} ${c.threshold} ${unit}${forDuration(c.durationSeconds)}`;
    }
    case 'service':
      return `service ${c.service} not active${forDuration(c.durationSeconds)}`;
    case 'offline':
      return `offline for ${c.seconds} s`;
    case 'traffic':
      return `traffic ${c.direction === 'total' ? 'in + out' : c.direction} ≥ ${c.quota} ${c.unit} per cycle`;
    case 'container':
      return describeContainerCondition(c);
  }
}

/** Who the rule covers, with names where they are known. */
export function describeScope(
  scope: AlertRule['scope'],
  serverName: (id: string) => string | undefined,
  groupName: (id: string) => string | undefined,
): string {
  if (scope.mode === 'all') return 'all servers';
  const parts = [
    ...scope.serverIds.map((id) => serverName(id) ?? 'deleted server'),
    ...scope.groupIds.map((id) => `group ${groupName(id) ?? 'deleted group'}`),
    ...scope.tags.map((t) => `#${t}`),
  ];
  const list = parts.length ? parts.join(', ') : 'nothing';
  return scope.mode === 'include' ? list : `all but ${list}`;
}

export function describeTrigger(rule: Pick<AlertRule, 'trigger' | 'repeatMinutes'>): string {
  return rule.trigger === 'repeat' ? `every ${rule.repeatMinutes} min while firing` : 'once until resolved';
}
