import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AlertsNotifications1795334656928 implements MigrationInterface {
  name = 'AlertsNotifications1795334656928';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "alert_rules" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "enabled" boolean NOT NULL DEFAULT (1), "severity" varchar(16) NOT NULL DEFAULT ('warning'), "conditions" text NOT NULL, "scope" text NOT NULL, "trigger" varchar(8) NOT NULL DEFAULT ('once'), "repeatMinutes" integer, "notificationGroupId" varchar(36), "silence" text, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL)`);
    await queryRunner.query(`CREATE TABLE "alert_states" ("id" varchar(36) PRIMARY KEY NOT NULL, "ruleId" varchar(36) NOT NULL, "ruleName" varchar(100) NOT NULL, "serverId" varchar(36) NOT NULL, "serverName" varchar(100) NOT NULL, "state" varchar(16) NOT NULL, "severity" varchar(16) NOT NULL, "startedAt" bigint NOT NULL, "firedAt" bigint, "resolvedAt" bigint, "lastNotifiedAt" bigint, "notificationCount" integer NOT NULL DEFAULT (0), "value" double precision, "message" varchar(500) NOT NULL DEFAULT (''), "resolution" varchar(100))`);
    await queryRunner.query(`CREATE INDEX "IDX_37bcdea27386af9fcf86377c34" ON "alert_states" ("serverId") `);
    await queryRunner.query(`CREATE INDEX "IDX_9fff3a6023875fd9bc791218c6" ON "alert_states" ("startedAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_b824011bfb70587a0ee2fb9371" ON "alert_states" ("state") `);
    await queryRunner.query(`CREATE INDEX "IDX_176bd24af1c625054d8f0be5fa" ON "alert_states" ("ruleId", "serverId") `);
    await queryRunner.query(`CREATE TABLE "notification_attempts" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "deliveryId" integer NOT NULL, "channelId" varchar(36) NOT NULL, "channelName" varchar(100) NOT NULL, "attempt" integer NOT NULL, "at" bigint NOT NULL, "outcome" varchar(16) NOT NULL, "responseCode" integer, "error" varchar(500), "durationMs" integer NOT NULL, "summary" varchar(300) NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "IDX_fc35391032ef18a66cf0f18a32" ON "notification_attempts" ("deliveryId") `);
    await queryRunner.query(`CREATE INDEX "IDX_8080d5db7fe5979f84f51c948c" ON "notification_attempts" ("channelId") `);
    await queryRunner.query(`CREATE INDEX "IDX_e814715c3f70d325e868f2fa31" ON "notification_attempts" ("at") `);
    await queryRunner.query(`CREATE TABLE "notification_channels" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "type" varchar(16) NOT NULL, "enabled" boolean NOT NULL DEFAULT (1), "settings" text NOT NULL, "sealedSecrets" text NOT NULL DEFAULT (''), "secretNames" text NOT NULL, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL)`);
    await queryRunner.query(`CREATE TABLE "notification_deliveries" ("id" integer PRIMARY KEY AUTOINCREMENT NOT NULL, "channelId" varchar(36) NOT NULL, "alertId" varchar(36), "message" text NOT NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT (0), "maxAttempts" integer NOT NULL, "nextAttemptAt" bigint NOT NULL, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "IDX_fe6716a157eb488ad69be18e8f" ON "notification_deliveries" ("channelId") `);
    await queryRunner.query(`CREATE INDEX "IDX_a3453c796515a47f71432bb7b1" ON "notification_deliveries" ("alertId") `);
    await queryRunner.query(`CREATE INDEX "IDX_b541b43c798aa5f82e4f4aef22" ON "notification_deliveries" ("status", "nextAttemptAt") `);
    await queryRunner.query(`CREATE TABLE "notification_groups" ("id" varchar(36) PRIMARY KEY NOT NULL, "name" varchar(100) NOT NULL, "channelIds" text NOT NULL, "silence" text, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, CONSTRAINT "UQ_0555e13c32a4b9023d342328253" UNIQUE ("name"))`);
    await queryRunner.query(`CREATE TABLE "traffic_hourly" ("serverId" varchar(36) NOT NULL, "hour" bigint NOT NULL, "inBytes" bigint NOT NULL DEFAULT (0), "outBytes" bigint NOT NULL DEFAULT (0), PRIMARY KEY ("serverId", "hour"))`);
    await queryRunner.query(`CREATE TABLE "traffic_daily" ("serverId" varchar(36) NOT NULL, "day" bigint NOT NULL, "inBytes" bigint NOT NULL DEFAULT (0), "outBytes" bigint NOT NULL DEFAULT (0), PRIMARY KEY ("serverId", "day"))`);
    await queryRunner.query(`CREATE TABLE "traffic_state" ("serverId" varchar(36) PRIMARY KEY NOT NULL, "counters" text NOT NULL, "uptimeSeconds" double precision, "sampleAt" bigint NOT NULL)`);
    await queryRunner.query(`CREATE TABLE "traffic_settings" ("serverId" varchar(36) PRIMARY KEY NOT NULL, "cycle" varchar(16) NOT NULL DEFAULT ('monthly'), "startDay" integer NOT NULL DEFAULT (1), "quotaBytes" bigint, "updatedAt" bigint NOT NULL)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "traffic_settings"`);
    await queryRunner.query(`DROP TABLE "traffic_state"`);
    await queryRunner.query(`DROP TABLE "traffic_daily"`);
    await queryRunner.query(`DROP TABLE "traffic_hourly"`);
    await queryRunner.query(`DROP TABLE "notification_groups"`);
    await queryRunner.query(`DROP INDEX "IDX_b541b43c798aa5f82e4f4aef22"`);
    await queryRunner.query(`DROP INDEX "IDX_a3453c796515a47f71432bb7b1"`);
    await queryRunner.query(`DROP INDEX "IDX_fe6716a157eb488ad69be18e8f"`);
    await queryRunner.query(`DROP TABLE "notification_deliveries"`);
    await queryRunner.query(`DROP TABLE "notification_channels"`);
    await queryRunner.query(`DROP INDEX "IDX_e814715c3f70d325e868f2fa31"`);
    await queryRunner.query(`DROP INDEX "IDX_8080d5db7fe5979f84f51c948c"`);
    await queryRunner.query(`DROP INDEX "IDX_fc35391032ef18a66cf0f18a32"`);
    await queryRunner.query(`DROP TABLE "notification_attempts"`);
    await queryRunner.query(`DROP INDEX "IDX_176bd24af1c625054d8f0be5fa"`);
    await queryRunner.query(`DROP INDEX "IDX_b824011bfb70587a0ee2fb9371"`);
    await queryRunner.query(`DROP INDEX "IDX_9fff3a6023875fd9bc791218c6"`);
    await queryRunner.query(`DROP INDEX "IDX_37bcdea27386af9fcf86377c34"`);
    await queryRunner.query(`DROP TABLE "alert_states"`);
    await queryRunner.query(`DROP TABLE "alert_rules"`);
  }
}
