import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AlertsNotifications1795334656928 implements MigrationInterface {
  name = 'AlertsNotifications1795334656928';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "alert_rules" ("id" character varying(36) NOT NULL, "name" character varying(100) NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "severity" character varying(16) NOT NULL DEFAULT 'warning', "conditions" text NOT NULL, "scope" text NOT NULL, "trigger" character varying(8) NOT NULL DEFAULT 'once', "repeatMinutes" integer, "notificationGroupId" character varying(36), "silence" text, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, CONSTRAINT "PK_ae580564f087ffab9d229225aec" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "alert_states" ("id" character varying(36) NOT NULL, "ruleId" character varying(36) NOT NULL, "ruleName" character varying(100) NOT NULL, "serverId" character varying(36) NOT NULL, "serverName" character varying(100) NOT NULL, "state" character varying(16) NOT NULL, "severity" character varying(16) NOT NULL, "startedAt" bigint NOT NULL, "firedAt" bigint, "resolvedAt" bigint, "lastNotifiedAt" bigint, "notificationCount" integer NOT NULL DEFAULT '0', "value" double precision, "message" character varying(500) NOT NULL DEFAULT '', "resolution" character varying(100), CONSTRAINT "PK_6f9617a55a85c98b6c375b0e8e3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_37bcdea27386af9fcf86377c34" ON "alert_states"  ("serverId") `);
    await queryRunner.query(`CREATE INDEX "IDX_9fff3a6023875fd9bc791218c6" ON "alert_states"  ("startedAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_b824011bfb70587a0ee2fb9371" ON "alert_states"  ("state") `);
    await queryRunner.query(`CREATE INDEX "IDX_176bd24af1c625054d8f0be5fa" ON "alert_states"  ("ruleId", "serverId") `);
    await queryRunner.query(`CREATE TABLE "notification_attempts" ("id" SERIAL NOT NULL, "deliveryId" integer NOT NULL, "channelId" character varying(36) NOT NULL, "channelName" character varying(100) NOT NULL, "attempt" integer NOT NULL, "at" bigint NOT NULL, "outcome" character varying(16) NOT NULL, "responseCode" integer, "error" character varying(500), "durationMs" integer NOT NULL, "summary" character varying(300) NOT NULL, CONSTRAINT "PK_f6abd34f351bbbf11c7ae8e7565" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_fc35391032ef18a66cf0f18a32" ON "notification_attempts"  ("deliveryId") `);
    await queryRunner.query(`CREATE INDEX "IDX_8080d5db7fe5979f84f51c948c" ON "notification_attempts"  ("channelId") `);
    await queryRunner.query(`CREATE INDEX "IDX_e814715c3f70d325e868f2fa31" ON "notification_attempts"  ("at") `);
    await queryRunner.query(`CREATE TABLE "notification_channels" ("id" character varying(36) NOT NULL, "name" character varying(100) NOT NULL, "type" character varying(16) NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "settings" text NOT NULL, "sealedSecrets" text NOT NULL DEFAULT '', "secretNames" text NOT NULL, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, CONSTRAINT "PK_3bc0cb5b60e8659f5fc859b2af0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "notification_deliveries" ("id" SERIAL NOT NULL, "channelId" character varying(36) NOT NULL, "alertId" character varying(36), "message" text NOT NULL, "status" character varying(16) NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "maxAttempts" integer NOT NULL, "nextAttemptAt" bigint NOT NULL, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, CONSTRAINT "PK_81daeff81f237bd384f7cfc4a4c" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_fe6716a157eb488ad69be18e8f" ON "notification_deliveries"  ("channelId") `);
    await queryRunner.query(`CREATE INDEX "IDX_a3453c796515a47f71432bb7b1" ON "notification_deliveries"  ("alertId") `);
    await queryRunner.query(`CREATE INDEX "IDX_b541b43c798aa5f82e4f4aef22" ON "notification_deliveries"  ("status", "nextAttemptAt") `);
    await queryRunner.query(`CREATE TABLE "notification_groups" ("id" character varying(36) NOT NULL, "name" character varying(100) NOT NULL, "channelIds" text NOT NULL, "silence" text, "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, CONSTRAINT "UQ_0555e13c32a4b9023d342328253" UNIQUE ("name"), CONSTRAINT "PK_7705fddb5be87ede3a1da250ac7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "traffic_hourly" ("serverId" character varying(36) NOT NULL, "hour" bigint NOT NULL, "inBytes" bigint NOT NULL DEFAULT '0', "outBytes" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_300b11a856bef9644a96cc70308" PRIMARY KEY ("serverId", "hour"))`);
    await queryRunner.query(`CREATE TABLE "traffic_daily" ("serverId" character varying(36) NOT NULL, "day" bigint NOT NULL, "inBytes" bigint NOT NULL DEFAULT '0', "outBytes" bigint NOT NULL DEFAULT '0', CONSTRAINT "PK_ddaeaeb9f69dc3fa85dec559b3e" PRIMARY KEY ("serverId", "day"))`);
    await queryRunner.query(`CREATE TABLE "traffic_state" ("serverId" character varying(36) NOT NULL, "counters" text NOT NULL, "uptimeSeconds" double precision, "sampleAt" bigint NOT NULL, CONSTRAINT "PK_627ef36744642a2c770da68316d" PRIMARY KEY ("serverId"))`);
    await queryRunner.query(`CREATE TABLE "traffic_settings" ("serverId" character varying(36) NOT NULL, "cycle" character varying(16) NOT NULL DEFAULT 'monthly', "startDay" integer NOT NULL DEFAULT '1', "quotaBytes" bigint, "updatedAt" bigint NOT NULL, CONSTRAINT "PK_6bd9a60d8bddf940c1052fab15a" PRIMARY KEY ("serverId"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "traffic_settings"`);
    await queryRunner.query(`DROP TABLE "traffic_state"`);
    await queryRunner.query(`DROP TABLE "traffic_daily"`);
    await queryRunner.query(`DROP TABLE "traffic_hourly"`);
    await queryRunner.query(`DROP TABLE "notification_groups"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b541b43c798aa5f82e4f4aef22"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_a3453c796515a47f71432bb7b1"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fe6716a157eb488ad69be18e8f"`);
    await queryRunner.query(`DROP TABLE "notification_deliveries"`);
    await queryRunner.query(`DROP TABLE "notification_channels"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_e814715c3f70d325e868f2fa31"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8080d5db7fe5979f84f51c948c"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_fc35391032ef18a66cf0f18a32"`);
    await queryRunner.query(`DROP TABLE "notification_attempts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_176bd24af1c625054d8f0be5fa"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_b824011bfb70587a0ee2fb9371"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_9fff3a6023875fd9bc791218c6"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_37bcdea27386af9fcf86377c34"`);
    await queryRunner.query(`DROP TABLE "alert_states"`);
    await queryRunner.query(`DROP TABLE "alert_rules"`);
  }
}
