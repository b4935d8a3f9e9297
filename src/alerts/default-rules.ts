import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ConfigEntry } from '../database/config-entry.entity.js';
import { AlertRule } from './alert-rule.entity.js';
import type { CreateRuleInput } from './dto/alert-rule.dto.js';

/** Settings key recording that the default rules were created: they are created once per hub. */
export const DEFAULT_RULES_SEEDED_KEY = 'alerts.defaultRulesSeeded';

const ALL_SERVERS = { mode: 'all' as const, serverIds: [], groupIds: [], tags: [] };
const common = {
  enabled: true,
  scope: ALL_SERVERS,
  trigger: 'once' as const,
  repeatMinutes: null,
  // no channel yet: an admin picks the notification group
  notificationGroupId: null,
  silence: null,
};

/** The rules a fresh hub starts with (docs/alerts.md "Default rules"). */
export const DEFAULT_RULES: readonly CreateRuleInput[] = [
  {
    ...common,
    name: 'Server offline',
    severity: 'critical',
    conditions: [{ kind: 'offline', seconds: 120 }],
  },
  {
    ...common,
    name: 'Disk over 90 %',
    severity: 'warning',
    conditions: [{ kind: 'metric', metric: 'disk', operator: '>', threshold: 90, durationSeconds: 600 }],
  },
  {
    ...common,
    name: 'Memory over 95 %',
    severity: 'warning',
    conditions: [{ kind: 'metric', metric: 'mem', operator: '>', threshold: 95, durationSeconds: 600 }],
  },
];

/**
 * Creates the default rules unless this hub created them before (deleted defaults stay deleted).
 * The marker and the rules are written in the caller's transaction; of hubs starting together on
 * one database, only the one whose marker was stored creates them. Returns whether it did.
 */
export async function seedDefaultRules(m: EntityManager, now: Date): Promise<boolean> {
  const token = `${now.toISOString()} ${randomUUID()}`;
  await m
    .createQueryBuilder()
    .insert()
    .into(ConfigEntry)
    .values({ key: DEFAULT_RULES_SEEDED_KEY, value: token, updatedAt: now })
    .orIgnore()
    .execute();
  const marker = await m.findOneBy(ConfigEntry, { key: DEFAULT_RULES_SEEDED_KEY });
  if (marker?.value !== token) return false;
  const rows: AlertRule[] = DEFAULT_RULES.map((r) => ({
    id: randomUUID(),
    ...r,
    origin: 'default',
    createdAt: now,
    updatedAt: now,
  }));
  await m.insert(AlertRule, rows);
  return true;
}
