import type { MigrationInterface, QueryRunner } from 'typeorm';

export class TerminalSessionsTasks1796320676635 implements MigrationInterface {
  name = 'TerminalSessionsTasks1796320676635';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "scheduled_tasks" ("id" character varying(36) NOT NULL, "name" character varying(100) NOT NULL, "command" text NOT NULL, "targets" text NOT NULL, "cron" character varying(120) NOT NULL, "timeZone" character varying(64) NOT NULL, "overlapPolicy" character varying(16) NOT NULL, "missedPolicy" character varying(16) NOT NULL, "enabled" boolean NOT NULL DEFAULT true, "disabledReason" text, "timeoutMs" integer NOT NULL, "outputCapBytes" integer NOT NULL, "maxParallel" integer NOT NULL, "stopOnFirstFailure" boolean NOT NULL DEFAULT false, "offlineTtlSeconds" integer NOT NULL, "createdBy" character varying(36), "createdAt" bigint NOT NULL, "updatedAt" bigint NOT NULL, "nextRunAt" bigint, "lastRunAt" bigint, "lastRunId" character varying(36), "leaseOwner" character varying(64), "leaseUntil" bigint, CONSTRAINT "PK_abc9348e8ae95b59b11a982ea87" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_3bb60247a4eb065fb30b727109" ON "scheduled_tasks"  ("enabled", "nextRunAt") `);
    await queryRunner.query(`CREATE TABLE "terminal_sessions" ("id" character varying(64) NOT NULL, "serverId" character varying(36) NOT NULL, "serverName" character varying(100) NOT NULL, "userId" character varying(36), "userName" character varying(100) NOT NULL, "remoteAddress" character varying(64), "userAgent" character varying(255), "hubId" character varying(64), "cols" integer NOT NULL, "rows" integer NOT NULL, "startedAt" bigint NOT NULL, "endedAt" bigint, "reason" character varying(32), "exitCode" integer, "signal" character varying(32), "bytesIn" bigint NOT NULL DEFAULT '0', "bytesOut" bigint NOT NULL DEFAULT '0', "recorded" boolean NOT NULL DEFAULT false, "recordingBytes" bigint, CONSTRAINT "PK_10286b807e2224f1183d4d8a774" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "IDX_381dcd6ce10e85fe1368e7cf78" ON "terminal_sessions"  ("userId") `);
    await queryRunner.query(`CREATE INDEX "IDX_8ad5924025071af66c06fb8af0" ON "terminal_sessions"  ("serverId", "startedAt") `);
    await queryRunner.query(`CREATE INDEX "IDX_facbdc1bdfdba8c7c134d193f7" ON "terminal_sessions"  ("startedAt") `);
    await queryRunner.query(`ALTER TABLE "command_runs" ADD "taskId" character varying(36)`);
    await queryRunner.query(`ALTER TABLE "servers" ADD "simpleCommands" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(`ALTER TABLE "servers" ADD "terminalRecording" boolean`);
    await queryRunner.query(`CREATE INDEX "IDX_3e5a233389b0422f3c90c9fc0d" ON "command_runs"  ("taskId") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_3e5a233389b0422f3c90c9fc0d"`);
    await queryRunner.query(`ALTER TABLE "servers" DROP COLUMN "terminalRecording"`);
    await queryRunner.query(`ALTER TABLE "servers" DROP COLUMN "simpleCommands"`);
    await queryRunner.query(`ALTER TABLE "command_runs" DROP COLUMN "taskId"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_facbdc1bdfdba8c7c134d193f7"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_8ad5924025071af66c06fb8af0"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_381dcd6ce10e85fe1368e7cf78"`);
    await queryRunner.query(`DROP TABLE "terminal_sessions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_3bb60247a4eb065fb30b727109"`);
    await queryRunner.query(`DROP TABLE "scheduled_tasks"`);
  }
}
