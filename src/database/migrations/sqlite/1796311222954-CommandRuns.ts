import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CommandRuns1796311222954 implements MigrationInterface {
  name = 'CommandRuns1796311222954';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "command_runs" ("id" varchar(36) PRIMARY KEY NOT NULL, "command" text NOT NULL, "targets" text NOT NULL, "timeoutMs" integer NOT NULL, "outputCapBytes" integer NOT NULL, "maxParallel" integer NOT NULL, "stopOnFirstFailure" boolean NOT NULL DEFAULT (0), "offlineTtlSeconds" integer NOT NULL, "state" varchar(16) NOT NULL, "createdBy" varchar(36), "createdAt" bigint NOT NULL, "endedAt" bigint)`);
    await queryRunner.query(`CREATE INDEX "IDX_051a1e5290a6526cd3e30ce7b1" ON "command_runs" ("createdAt") `);
    await queryRunner.query(`CREATE TABLE "command_targets" ("id" varchar(36) PRIMARY KEY NOT NULL, "runId" varchar(36) NOT NULL, "serverId" varchar(36) NOT NULL, "serverName" varchar(100) NOT NULL, "state" varchar(16) NOT NULL, "requestId" bigint, "exitCode" integer, "signal" varchar(32), "stdout" text, "stderr" text, "error" varchar(500), "queuedAt" bigint NOT NULL, "expiresAt" bigint, "sentAt" bigint, "startedAt" bigint, "endedAt" bigint)`);
    await queryRunner.query(`CREATE INDEX "IDX_1063145cd6c08de3473aa0ca0c" ON "command_targets" ("runId") `);
    await queryRunner.query(`CREATE INDEX "IDX_f94a088d77e69c3a5d71719ee4" ON "command_targets" ("serverId", "state") `);
    await queryRunner.query(`DROP INDEX "IDX_1063145cd6c08de3473aa0ca0c"`);
    await queryRunner.query(`DROP INDEX "IDX_f94a088d77e69c3a5d71719ee4"`);
    await queryRunner.query(`CREATE TABLE "temporary_command_targets" ("id" varchar(36) PRIMARY KEY NOT NULL, "runId" varchar(36) NOT NULL, "serverId" varchar(36) NOT NULL, "serverName" varchar(100) NOT NULL, "state" varchar(16) NOT NULL, "requestId" bigint, "exitCode" integer, "signal" varchar(32), "stdout" text, "stderr" text, "error" varchar(500), "queuedAt" bigint NOT NULL, "expiresAt" bigint, "sentAt" bigint, "startedAt" bigint, "endedAt" bigint, CONSTRAINT "FK_1063145cd6c08de3473aa0ca0cd" FOREIGN KEY ("runId") REFERENCES "command_runs" ("id") ON DELETE CASCADE ON UPDATE NO ACTION)`);
    await queryRunner.query(`INSERT INTO "temporary_command_targets"("id", "runId", "serverId", "serverName", "state", "requestId", "exitCode", "signal", "stdout", "stderr", "error", "queuedAt", "expiresAt", "sentAt", "startedAt", "endedAt") SELECT "id", "runId", "serverId", "serverName", "state", "requestId", "exitCode", "signal", "stdout", "stderr", "error", "queuedAt", "expiresAt", "sentAt", "startedAt", "endedAt" FROM "command_targets"`);
    await queryRunner.query(`DROP TABLE "command_targets"`);
    await queryRunner.query(`ALTER TABLE "temporary_command_targets" RENAME TO "command_targets"`);
    await queryRunner.query(`CREATE INDEX "IDX_1063145cd6c08de3473aa0ca0c" ON "command_targets" ("runId") `);
    await queryRunner.query(`CREATE INDEX "IDX_f94a088d77e69c3a5d71719ee4" ON "command_targets" ("serverId", "state") `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_f94a088d77e69c3a5d71719ee4"`);
    await queryRunner.query(`DROP INDEX "IDX_1063145cd6c08de3473aa0ca0c"`);
    await queryRunner.query(`ALTER TABLE "command_targets" RENAME TO "temporary_command_targets"`);
    await queryRunner.query(`CREATE TABLE "command_targets" ("id" varchar(36) PRIMARY KEY NOT NULL, "runId" varchar(36) NOT NULL, "serverId" varchar(36) NOT NULL, "serverName" varchar(100) NOT NULL, "state" varchar(16) NOT NULL, "requestId" bigint, "exitCode" integer, "signal" varchar(32), "stdout" text, "stderr" text, "error" varchar(500), "queuedAt" bigint NOT NULL, "expiresAt" bigint, "sentAt" bigint, "startedAt" bigint, "endedAt" bigint)`);
    await queryRunner.query(`INSERT INTO "command_targets"("id", "runId", "serverId", "serverName", "state", "requestId", "exitCode", "signal", "stdout", "stderr", "error", "queuedAt", "expiresAt", "sentAt", "startedAt", "endedAt") SELECT "id", "runId", "serverId", "serverName", "state", "requestId", "exitCode", "signal", "stdout", "stderr", "error", "queuedAt", "expiresAt", "sentAt", "startedAt", "endedAt" FROM "temporary_command_targets"`);
    await queryRunner.query(`DROP TABLE "temporary_command_targets"`);
    await queryRunner.query(`CREATE INDEX "IDX_f94a088d77e69c3a5d71719ee4" ON "command_targets" ("serverId", "state") `);
    await queryRunner.query(`CREATE INDEX "IDX_1063145cd6c08de3473aa0ca0c" ON "command_targets" ("runId") `);
    await queryRunner.query(`DROP INDEX "IDX_f94a088d77e69c3a5d71719ee4"`);
    await queryRunner.query(`DROP INDEX "IDX_1063145cd6c08de3473aa0ca0c"`);
    await queryRunner.query(`DROP TABLE "command_targets"`);
    await queryRunner.query(`DROP INDEX "IDX_051a1e5290a6526cd3e30ce7b1"`);
    await queryRunner.query(`DROP TABLE "command_runs"`);
  }
}
