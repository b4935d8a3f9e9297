import type { MigrationInterface, QueryRunner } from 'typeorm';

// A hub that already has users is not on its first start: it does not get the default alert rules
// (src/alerts/default-rules.ts creates them only while this marker is absent).
const EXISTING_HUB_MARKER = `INSERT INTO "configs" ("key", "value", "updatedAt") SELECT 'alerts.defaultRulesSeeded', 'existing hub before default rules', $NOW WHERE EXISTS (SELECT 1 FROM "users") AND NOT EXISTS (SELECT 1 FROM "configs" WHERE "key" = 'alerts.defaultRulesSeeded')`;

export class AlertAcksDefaultRules1796285409966 implements MigrationInterface {
  name = 'AlertAcksDefaultRules1796285409966';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "temporary_alert_rules" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "enabled" boolean NOT NULL DEFAULT (1), "severity" varchar(16) NOT NULL DEFAULT ('warning'), "conditions" text NOT NULL, "scope" text NOT NULL, "trigger" varchar(8) NOT NULL DEFAULT ('once'), "repeatMinutes" integer, "notificationGroupId" varchar(36), "silence" text, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, "origin" varchar(16) NOT NULL DEFAULT ('user'))`);
    await queryRunner.query(`INSERT INTO "temporary_alert_rules"("id", "name", "enabled", "severity", "conditions", "scope", "trigger", "repeatMinutes", "notificationGroupId", "silence", "createdAt", "updatedAt") SELECT "id", "name", "enabled", "severity", "conditions", "scope", "trigger", "repeatMinutes", "notificationGroupId", "silence", "createdAt", "updatedAt" FROM "alert_rules"`);
    await queryRunner.query(`DROP TABLE "alert_rules"`);
    await queryRunner.query(`ALTER TABLE "temporary_alert_rules" RENAME TO "alert_rules"`);
    await queryRunner.query(`DROP INDEX "IDX_176bd24af1c625054d8f0be5fa"`);
    await queryRunner.query(`DROP INDEX "IDX_b824011bfb70587a0ee2fb9371"`);
    await queryRunner.query(`DROP INDEX "IDX_9fff3a6023875fd9bc791218c6"`);
    await queryRunner.query(`DROP INDEX "IDX_37bcdea27386af9fcf86377c34"`);
    await queryRunner.query(`CREATE TABLE "temporary_alert_states" ("id" varchar(36) PRIMARY KEY NOT NULL, "ruleId" varchar(36) NOT NULL, "ruleName" varchar(100) NOT NULL, "serverId" varchar(36) NOT NULL, "serverName" varchar(100) NOT NULL, "state" varchar(16) NOT NULL, "severity" varchar(16) NOT NULL, "startedAt" bigint NOT NULL, "firedAt" bigint, "resolvedAt" bigint, "lastNotifiedAt" bigint, "notificationCount" integer NOT NULL DEFAULT (0), "value" double precision, "message" varchar(500) NOT NULL DEFAULT (''), "resolution" varchar(100), "acknowledgedAt" bigint, "acknowledgedBy" varchar(100), "ackComment" varchar(500), "snoozedUntil" bigint)`);
    await queryRunner.query(`INSERT INTO "temporary_alert_states"("id", "ruleId", "ruleName", "serverId", "serverName", "state", "severity", "startedAt", "firedAt", "resolvedAt", "lastNotifiedAt", "notificationCount", "value", "message", "resolution") SELECT "id", "ruleId", "ruleName", "serverId", "serverName", "state", "severity", "startedAt", "firedAt", "resolvedAt", "lastNotifiedAt", "notificationCount", "value", "message", "resolution" FROM "alert_states"`);
    await queryRunner.query(`DROP TABLE "alert_states"`);
    await queryRunner.query(`ALTER TABLE "temporary_alert_states" RENAME TO "alert_states"`);
    await queryRunner.query(`CREATE INDEX "IDX_176bd24af1c625054d8f0be5fa" ON "alert_states" ("ruleId", "serverId") `);
    await queryRunner.query(`CREATE INDEX "IDX_b824011bfb70587a0ee2fb9371" ON "alert_states" ("state") `);
    await queryRunner.query(`CREATE INDEX "IDX_9fff3a6023875fd9bc791218c6" ON "alert_states" ("startedAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_37bcdea27386af9fcf86377c34" ON "alert_states" ("serverId") `);
    await queryRunner.query(EXISTING_HUB_MARKER.replace('$NOW', String(Date.now())));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM "configs" WHERE "key" = 'alerts.defaultRulesSeeded' AND "value" = 'existing hub before default rules'`,
    );
    await queryRunner.query(`DROP INDEX "IDX_37bcdea27386af9fcf86377c34"`);
    await queryRunner.query(`DROP INDEX "IDX_9fff3a6023875fd9bc791218c6"`);
    await queryRunner.query(`DROP INDEX "IDX_b824011bfb70587a0ee2fb9371"`);
    await queryRunner.query(`DROP INDEX "IDX_176bd24af1c625054d8f0be5fa"`);
    await queryRunner.query(`ALTER TABLE "alert_states" RENAME TO "temporary_alert_states"`);
    await queryRunner.query(`CREATE TABLE "alert_states" ("id" varchar(36) PRIMARY KEY NOT NULL, "ruleId" varchar(36) NOT NULL, "ruleName" varchar(100) NOT NULL, "serverId" varchar(36) NOT NULL, "serverName" varchar(100) NOT NULL, "state" varchar(16) NOT NULL, "severity" varchar(16) NOT NULL, "startedAt" bigint NOT NULL, "firedAt" bigint, "resolvedAt" bigint, "lastNotifiedAt" bigint, "notificationCount" integer NOT NULL DEFAULT (0), "value" double precision, "message" varchar(500) NOT NULL DEFAULT (''), "resolution" varchar(100))`);
    await queryRunner.query(`INSERT INTO "alert_states"("id", "ruleId", "ruleName", "serverId", "serverName", "state", "severity", "startedAt", "firedAt", "resolvedAt", "lastNotifiedAt", "notificationCount", "value", "message", "resolution") SELECT "id", "ruleId", "ruleName", "serverId", "serverName", "state", "severity", "startedAt", "firedAt", "resolvedAt", "lastNotifiedAt", "notificationCount", "value", "message", "resolution" FROM "temporary_alert_states"`);
    await queryRunner.query(`DROP TABLE "temporary_alert_states"`);
    await queryRunner.query(`CREATE INDEX "IDX_37bcdea27386af9fcf86377c34" ON "alert_states" ("serverId") `);
    await queryRunner.query(`CREATE INDEX "IDX_9fff3a6023875fd9bc791218c6" ON "alert_states" ("startedAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_b824011bfb70587a0ee2fb9371" ON "alert_states" ("state") `);
    await queryRunner.query(`CREATE INDEX "IDX_176bd24af1c625054d8f0be5fa" ON "alert_states" ("ruleId", "serverId") `);
    await queryRunner.query(`ALTER TABLE "alert_rules" RENAME TO "temporary_alert_rules"`);
    await queryRunner.query(`CREATE TABLE "alert_rules" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "enabled" boolean NOT NULL DEFAULT (1), "severity" varchar(16) NOT NULL DEFAULT ('warning'), "conditions" text NOT NULL, "scope" text NOT NULL, "trigger" varchar(8) NOT NULL DEFAULT ('once'), "repeatMinutes" integer, "notificationGroupId" varchar(36), "silence" text, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL)`);
    await queryRunner.query(`INSERT INTO "alert_rules"("id", "name", "enabled", "severity", "conditions", "scope", "trigger", "repeatMinutes", "notificationGroupId", "silence", "createdAt", "updatedAt") SELECT "id", "name", "enabled", "severity", "conditions", "scope", "trigger", "repeatMinutes", "notificationGroupId", "silence", "createdAt", "updatedAt" FROM "temporary_alert_rules"`);
    await queryRunner.query(`DROP TABLE "temporary_alert_rules"`);
  }
}
