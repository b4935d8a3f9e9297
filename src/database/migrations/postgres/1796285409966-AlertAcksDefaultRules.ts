import type { MigrationInterface, QueryRunner } from 'typeorm';

// A hub that already has users is not on its first start: it does not get the default alert rules
// (src/alerts/default-rules.ts creates them only while this marker is absent).
const EXISTING_HUB_MARKER = `INSERT INTO "configs" ("key", "value", "updatedAt") SELECT 'alerts.defaultRulesSeeded', 'existing hub before default rules', $NOW WHERE EXISTS (SELECT 1 FROM "users") AND NOT EXISTS (SELECT 1 FROM "configs" WHERE "key" = 'alerts.defaultRulesSeeded')`;

export class AlertAcksDefaultRules1796285409966 implements MigrationInterface {
  name = 'AlertAcksDefaultRules1796285409966';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "alert_rules" ADD "origin" character varying(16) NOT NULL DEFAULT 'user'`);
    await queryRunner.query(`ALTER TABLE "alert_states" ADD "acknowledgedAt" bigint`);
    await queryRunner.query(`ALTER TABLE "alert_states" ADD "acknowledgedBy" character varying(100)`);
    await queryRunner.query(`ALTER TABLE "alert_states" ADD "ackComment" character varying(500)`);
    await queryRunner.query(`ALTER TABLE "alert_states" ADD "snoozedUntil" bigint`);
    await queryRunner.query(EXISTING_HUB_MARKER.replace('$NOW', String(Date.now())));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `DELETE FROM "configs" WHERE "key" = 'alerts.defaultRulesSeeded' AND "value" = 'existing hub before default rules'`,
    );
    await queryRunner.query(`ALTER TABLE "alert_states" DROP COLUMN "snoozedUntil"`);
    await queryRunner.query(`ALTER TABLE "alert_states" DROP COLUMN "ackComment"`);
    await queryRunner.query(`ALTER TABLE "alert_states" DROP COLUMN "acknowledgedBy"`);
    await queryRunner.query(`ALTER TABLE "alert_states" DROP COLUMN "acknowledgedAt"`);
    await queryRunner.query(`ALTER TABLE "alert_rules" DROP COLUMN "origin"`);
  }
}
